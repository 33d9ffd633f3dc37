package org.staypuft.registry.templates;

/** A template (typically an operator's) does not render: a syntax error or a name that is not in the model. */
public class TemplateRenderingException extends RuntimeException {

    TemplateRenderingException(String message, Throwable cause) {
        super(message, cause);
    }
}
