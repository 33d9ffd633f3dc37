package org.staypuft.events;

/**
 * Every payload of the contract. The aggregate id is the Kafka record key and the CloudEvents subject, so all the
 * events of one host (or one deployment) land on one partition, in order.
 */
public interface StaypuftEvent {

    /** The id of the host or deployment this event is about; becomes the record key and {@code ce_subject}. */
    String aggregateId();
}
