package org.staypuft.registry.provisioning;

/**
 * No usable build token: unknown, expired, used or superseded. One answer for all of them, so a caller learns nothing
 * about which tokens exist.
 */
public class InvalidBuildTokenException extends RuntimeException {

    public InvalidBuildTokenException() {
        super("The build token is unknown, expired or already used");
    }
}
