package org.staypuft.simulator.puppet;

/** The server side of a catalog request that decides environment and classes: the registry's ENC. */
@FunctionalInterface
public interface NodeClassifier {

    /**
     * @throws ClassificationFailedException when the classifier does not classify the node (any answer but 200,
     *         or no answer): the agent gets no catalog
     */
    NodeClassification classify(String certname);
}
