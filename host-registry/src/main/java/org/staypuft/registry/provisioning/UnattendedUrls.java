package org.staypuft.registry.provisioning;

/**
 * The URLs of a host's provisioning endpoints, the shape Foreman's installers know ({@code /unattended/provision}),
 * each carrying the host's build token.
 *
 * @param baseUrl the registry as the installed host reaches it, without trailing slash
 */
public record UnattendedUrls(String baseUrl) {

    public static final String ROOT = "/unattended";
    public static final String PROVISION = "provision";
    public static final String USER_DATA = "user-data";
    public static final String BUILT = "built";

    public String kickstart(String token) {
        return url(PROVISION, token);
    }

    public String userData(String token) {
        return url(USER_DATA, token);
    }

    public String built(String token) {
        return url(BUILT, token);
    }

    private String url(String endpoint, String token) {
        return baseUrl + ROOT + "/" + endpoint + "?token=" + token;
    }
}
