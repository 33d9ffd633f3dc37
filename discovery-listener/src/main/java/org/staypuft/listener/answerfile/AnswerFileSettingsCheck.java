package org.staypuft.listener.answerfile;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.staypuft.listener.config.ListenerConfig;

import io.quarkus.runtime.StartupEvent;

/**
 * Refuses to start with answer-file settings the client installer would refuse: better a clear start failure than
 * answer files that fail on every host. The proxy key is checked when a file is made (it may appear later).
 */
@ApplicationScoped
public class AnswerFileSettingsCheck {

    @Inject
    ListenerConfig config;

    void check(@Observes StartupEvent started) {
        List<String> problems = new ArrayList<>();
        if (!InstallerValues.isPuppetServer(config.puppetServer())) {
            problems.add("staypuft.listener.puppet-server '" + config.puppetServer()
                    + "' is not a host name with an optional :port");
        }
        if (!InstallerValues.isSshUser(config.sshUser())) {
            problems.add("staypuft.listener.ssh-user '" + config.sshUser() + "' is not a user name");
        }
        config.publicUrl().filter(url -> !InstallerValues.isHttpUrl(url)).ifPresent(url -> problems
                .add("staypuft.listener.public-url '" + url + "' is not an absolute http(s) URL without query"));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Invalid settings: " + String.join("; ", problems));
        }
    }
}
