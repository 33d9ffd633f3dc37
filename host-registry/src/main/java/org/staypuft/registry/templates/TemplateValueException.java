package org.staypuft.registry.templates;

/** A value the template would need is not safe to put into it (e.g. a host name from facts that is no host name). */
public class TemplateValueException extends RuntimeException {

    TemplateValueException(String message) {
        super(message);
    }
}
