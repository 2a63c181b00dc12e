package dev.surge.admin.rest;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Instant;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A campaign's window: it starts before it ends, and both ends are times MySQL can store. Each failure is
 * reported on the field at fault.
 */
@Documented
@Constraint(validatedBy = CampaignWindow.Validator.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface CampaignWindow {

    String message() default "startsAt must be before endsAt";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Checks the window of a {@link CampaignRequest}; missing ends are left to @NotNull. */
    class Validator implements ConstraintValidator<CampaignWindow, CampaignRequest> {

        /** DATETIME holds years 1000 to 9999; a campaign before 1970 is a typo. */
        static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
        static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

        @Override
        public boolean isValid(CampaignRequest request, ConstraintValidatorContext context) {
            if (request == null) {
                return true;
            }
            boolean valid = true;
            context.disableDefaultConstraintViolation();
            valid &= storable(request.startsAt(), "startsAt", context);
            valid &= storable(request.endsAt(), "endsAt", context);
            if (valid && request.startsAt() != null && request.endsAt() != null
                    && !request.startsAt().isBefore(request.endsAt())) {
                context.buildConstraintViolationWithTemplate("must be after startsAt")
                        .addPropertyNode("endsAt")
                        .addConstraintViolation();
                valid = false;
            }
            return valid;
        }

        private static boolean storable(Instant at, String field, ConstraintValidatorContext context) {
            if (at == null || (!at.isBefore(EARLIEST) && !at.isAfter(LATEST))) {
                return true;
            }
            context.buildConstraintViolationWithTemplate("must lie between " + EARLIEST + " and " + LATEST)
                    .addPropertyNode(field)
                    .addConstraintViolation();
            return false;
        }
    }
}
