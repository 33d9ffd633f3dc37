package org.staypuft.registry.templates;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.staypuft.registry.config.RegistryConfig;

/**
 * Where a template's text comes from: the operator's directory when it has a file of that name, else the one shipped
 * in the jar ({@code unattended/}). Read at each use, so an operator's edit applies to the next host without a
 * restart.
 */
@ApplicationScoped
public class TemplateSource {

    static final String SHIPPED = "unattended/";

    @Inject
    RegistryConfig config;

    /** The text of a template and where it came from, for error messages. */
    public record Text(String name, String origin, String content) {
    }

    public Text load(String name) {
        Optional<Path> override = config.templates().directory().map(dir -> dir.resolve(name))
                .filter(Files::isRegularFile);
        if (override.isPresent()) {
            try {
                return new Text(name, override.get().toString(), Files.readString(override.get(),
                        StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the operator template " + override.get(), e);
            }
        }
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(SHIPPED + name)) {
            if (in == null) {
                throw new IllegalStateException("No shipped template " + SHIPPED + name);
            }
            return new Text(name, "shipped " + SHIPPED + name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the shipped template " + SHIPPED + name, e);
        }
    }
}
