package org.staypuft.runner.config;

/** The key types the runner generates for itself. */
public enum ProxyKeyType {

    ED25519("ssh-ed25519", 256),
    RSA("ssh-rsa", 3072);

    private final String sshName;
    private final int bits;

    ProxyKeyType(String sshName, int bits) {
        this.sshName = sshName;
        this.bits = bits;
    }

    public String sshName() {
        return sshName;
    }

    public int bits() {
        return bits;
    }
}
