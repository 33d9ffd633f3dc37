package org.staypuft.orchestrator.testing;

import org.staypuft.testsupport.KafkaTestResource;

/** One responder for all @QuarkusTest classes of the JVM: they share the broker, hosts are told apart by id. */
public final class SharedResponder {

    private static PuppetSideResponder responder;

    private SharedResponder() {
    }

    public static synchronized PuppetSideResponder get() {
        if (responder == null) {
            responder = new PuppetSideResponder(KafkaTestResource.startBroker());
            Runtime.getRuntime().addShutdownHook(new Thread(responder::close, "test-responder-stop"));
        }
        return responder;
    }
}
