package org.staypuft.listener.request;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The body of every 4xx/5xx answer.
 *
 * @param error what is wrong, for a human
 * @param field the request field (or header) at fault, e.g. {@code facts.discovery_bootif}, {@code hostname},
 *        {@code Authorization}; absent when the problem is not about one field
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(String error, String field) {
}
