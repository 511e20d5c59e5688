package io.pbxhub.instance.pbx3cx;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/** An IPv4 address in dotted-quad form or an IPv6 address (without brackets or zone); null is allowed. */
@Documented
@Constraint(validatedBy = IpAddress.Validator.class)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
public @interface IpAddress {

    String message() default "must be an IPv4 or IPv6 address";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<IpAddress, String> {

        private static final Pattern IPV4 = Pattern
                .compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
        private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]{1,44}");

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || isIpAddress(value);
        }

        static boolean isIpAddress(String value) {
            if (IPV4.matcher(value).matches()) {
                return true;
            }
            if (!value.contains(":") || !IPV6_CHARS.matcher(value).matches()) {
                return false;
            }
            // Starting with a hex digit or ':' and containing ':', the JDK parses this as an IPv6 literal and never
            // asks DNS; an invalid literal is an UnknownHostException.
            try {
                return InetAddress.getByName(value).getAddress().length == 16
                        || IPV4.matcher(value.substring(value.lastIndexOf(':') + 1)).matches();
            } catch (UnknownHostException e) {
                return false;
            }
        }
    }
}
