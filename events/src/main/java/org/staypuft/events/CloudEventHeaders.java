package org.staypuft.events;

/**
 * Header names of the CloudEvents 1.0 Kafka protocol binding, binary content mode.
 */
public final class CloudEventHeaders {

    public static final String SPEC_VERSION_VALUE = "1.0";
    public static final String CONTENT_TYPE_VALUE = "application/json";

    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String SOURCE = "ce_source";
    public static final String TYPE = "ce_type";
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";
    public static final String DATA_SCHEMA = "ce_dataschema";
    /** Extension attribute: the deployment an event belongs to, when it belongs to one (for timelines and replay). */
    public static final String DEPLOYMENT_ID = "ce_deploymentid";
    public static final String CONTENT_TYPE = "content-type";

    private CloudEventHeaders() {
    }
}
