package org.staypuft.runner.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.Iterator;
import java.util.Set;

import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.staypuft.runner.config.ProxyKeyType;

/**
 * Reads and writes the proxy's key pair in OpenSSH's private key format (what {@code ssh-keygen} writes), with a
 * {@code .pub} file beside it.
 */
public final class ProxyKeyFiles {

    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");

    private ProxyKeyFiles() {
    }

    /**
     * Writes a new key pair to {@code path} (owner-only on POSIX file systems). The file appears complete or not at
     * all: it is written aside and hard-linked into place, which fails rather than replaces when another process got
     * there first.
     *
     * @return false when a key existed already (it is left alone)
     */
    public static boolean generate(Path path, ProxyKeyType type, String comment)
            throws IOException, GeneralSecurityException {
        KeyPair generated = KeyUtils.generateKeyPair(type.sshName(), type.bits());
        Path directory = path.toAbsolutePath().getParent();
        boolean posix = isPosix(directory);
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory, posix
                    ? new FileAttribute<?>[]{
                            PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR)}
                    : new FileAttribute<?>[0]);
        }
        Path temporary = posix
                ? Files.createTempFile(directory, ".key-", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                : Files.createTempFile(directory, ".key-", ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temporary)) {
                OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(generated, comment, null, out);
            }
            Files.createLink(path, temporary);
        } catch (FileAlreadyExistsException e) {
            return false;
        } finally {
            Files.deleteIfExists(temporary);
        }
        Files.writeString(path.resolveSibling(path.getFileName() + ".pub"), authorizedKeysLine(generated, comment)
                + "\n", StandardCharsets.UTF_8);
        return true;
    }

    /** Loads the first key pair of an OpenSSH (or PEM) private key file without a passphrase. */
    public static KeyPair load(Path path) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(path)) {
            Iterable<KeyPair> pairs = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName(path.toString()),
                    in, FilePasswordProvider.EMPTY);
            Iterator<KeyPair> iterator = pairs == null ? null : pairs.iterator();
            if (iterator == null || !iterator.hasNext()) {
                throw new GeneralSecurityException("No key pair in " + path);
            }
            return iterator.next();
        }
    }

    /** Whether the file can be read by others than its owner (ssh itself refuses such keys). */
    public static boolean tooOpen(Path path) throws IOException {
        return isPosix(path) && !OWNER_ONLY.containsAll(Files.getPosixFilePermissions(path));
    }

    public static String authorizedKeysLine(KeyPair keyPair, String comment) {
        return PublicKeyEntry.toString(keyPair.getPublic()) + " " + comment;
    }

    private static boolean isPosix(Path path) throws IOException {
        Path existing = path.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        return Files.getFileStore(existing == null ? Path.of("/") : existing).supportsFileAttributeView("posix");
    }
}
