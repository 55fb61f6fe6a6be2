-- Ed25519 key pairs with which a tenant signs what it hands out (consent receipts). The private
-- key is sealed (AES-256-GCM) with the service's master key; the public key is published.
CREATE TABLE signing_key (
    tenant_id          VARCHAR(36)  NOT NULL REFERENCES tenant (tenant_id),
    key_id             VARCHAR(36)  NOT NULL,
    algorithm          VARCHAR(16)  NOT NULL,
    public_key         VARCHAR(200) NOT NULL, -- base64 of the X.509 SubjectPublicKeyInfo
    sealed_private_key VARCHAR(400) NOT NULL, -- base64 of nonce || AES-GCM(PKCS#8)
    created_at         BIGINT       NOT NULL,
    retired_at         BIGINT,
    PRIMARY KEY (tenant_id, key_id)
);
