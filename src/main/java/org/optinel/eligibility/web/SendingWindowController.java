package org.optinel.eligibility.web;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.optinel.core.InvalidInputException;
import org.optinel.core.TenantId;
import org.optinel.eligibility.SendingWindowManagement;
import org.optinel.eligibility.SendingWindows;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The tenant's sending windows for marketing SMS. */
@RestController
@Tag(name = "Eligibility")
class SendingWindowController {

	private final SendingWindowManagement windows;

	SendingWindowController(SendingWindowManagement windows) {
		this.windows = windows;
	}

	@GetMapping("/api/v1/eligibility/windows")
	@Operation(summary = "The sending windows for marketing SMS, in the recipient's local time")
	WindowsBody get(TenantId tenant) {
		return WindowsBody.of(windows.windows(tenant));
	}

	@PutMapping("/api/v1/eligibility/windows")
	@Operation(summary = "Set the sending windows for marketing SMS (422 outside the hard limits)", description = """
			France: Monday to Saturday, not on public holidays, within 08:00-22:00 (FR-07; default 08:00-20:00). \
			United States: every day within 08:00-21:00 (US-05). Times HH:mm, end exclusive; a window lasts at least \
			2 hours (France) or 4 hours (US), so that it opens in every zone of a country at once.""")
	WindowsBody put(TenantId tenant, @RequestBody WindowsBody body) {
		if (body == null) {
			throw new InvalidInputException("body", "is required: {\"france\":{\"start\":\"08:00\",\"end\":\"20:00\"}, ...}");
		}
		SendingWindows current = windows.windows(tenant);
		SendingWindows wanted = new SendingWindows(
				body.france() == null ? current.france() : body.france().window("france"),
				body.unitedStates() == null ? current.unitedStates() : body.unitedStates().window("unitedStates"));
		return WindowsBody.of(windows.update(tenant, wanted));
	}

	/** The windows as JSON; an absent country keeps its window. */
	record WindowsBody(WindowBody france, WindowBody unitedStates) {

		static WindowsBody of(SendingWindows w) {
			return new WindowsBody(WindowBody.of(w.france()), WindowBody.of(w.unitedStates()));
		}
	}

	/** A window, {@code HH:mm} local time, end exclusive. */
	record WindowBody(String start, String end) {

		static WindowBody of(SendingWindows.Window w) {
			return new WindowBody(w.start().toString(), w.end().toString());
		}

		SendingWindows.Window window(String field) {
			LocalTime from = time(field + ".start", start);
			LocalTime to = time(field + ".end", end);
			if (!from.isBefore(to)) {
				throw new InvalidInputException(field + ".end", "must come after start (" + from + "), was " + to);
			}
			return new SendingWindows.Window(from, to);
		}

		private static LocalTime time(String field, String value) {
			if (value == null || value.isBlank()) {
				throw new InvalidInputException(field, "is required, as HH:mm local time, e.g. 08:00");
			}
			try {
				LocalTime time = LocalTime.parse(value.strip());
				if (time.getSecond() != 0 || time.getNano() != 0) {
					throw new InvalidInputException(field, "must be whole minutes (HH:mm), was '" + value + "'");
				}
				return time;
			}
			catch (DateTimeParseException e) {
				throw new InvalidInputException(field, "must be a time of day as HH:mm, e.g. 08:00; was '" + value + "'");
			}
		}
	}
}
