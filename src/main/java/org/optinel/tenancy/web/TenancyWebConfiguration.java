package org.optinel.tenancy.web;

import java.util.List;

import org.optinel.core.TenantId;
import org.optinel.tenancy.TenancyProperties;
import org.optinel.tenancy.TenantManagement;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Puts the API key check in front of the tenant API and lets handlers declare a {@link TenantId}
 * parameter for the calling tenant. The operator endpoint checks its own key.
 */
@Configuration(proxyBeanMethods = false)
class TenancyWebConfiguration implements WebMvcConfigurer {

	private final TenantManagement tenants;

	private final TenancyProperties properties;

	TenancyWebConfiguration(TenantManagement tenants, TenancyProperties properties) {
		this.tenants = tenants;
		this.properties = properties;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new ApiKeyInterceptor(tenants))
			.addPathPatterns("/api/v1/**")
			.excludePathPatterns(TenantController.PATH);
		registry.addInterceptor(new OperatorKeyInterceptor(properties)).addPathPatterns(TenantController.PATH);
	}

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(new HandlerMethodArgumentResolver() {

			@Override
			public boolean supportsParameter(MethodParameter parameter) {
				return TenantId.class.equals(parameter.getParameterType());
			}

			@Override
			public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
					NativeWebRequest request, WebDataBinderFactory binderFactory) {
				Object tenant = request.getAttribute(ApiKeyInterceptor.TENANT_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
				if (tenant == null) {
					throw new IllegalStateException("No tenant on a request that passed no API key check: "
							+ "is the handler outside /api/v1?");
				}
				return tenant;
			}
		});
	}
}
