package org.staypuft.orchestrator.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who is calling: the subject of the verified bearer token, recorded with what they did. */
@RequestScoped
public class Caller {

    @Inject
    JsonWebToken token;

    public String name() {
        String subject = token.getSubject();
        return subject != null ? subject : token.getName();
    }
}
