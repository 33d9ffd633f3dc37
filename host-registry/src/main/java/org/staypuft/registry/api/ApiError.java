package org.staypuft.registry.api;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The body of every error answer: what went wrong in a sentence, and for a bad parameter or body field its name and
 * what it accepts.
 */
@Schema(name = "Error")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(
        int status,
        String message,
        @Schema(description = "the request parameter or body field at fault") String parameter,
        @Schema(description = "the values that parameter accepts") List<String> allowed) {

    static ApiError of(int status, String message) {
        return new ApiError(status, message, null, null);
    }
}
