package org.staypuft.orchestrator.deployment;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A deployment: a name, parameters for the hosts' puppet classes, and roles ({@link DeploymentRole}). */
@Entity
@Table(name = "deployment")
public class Deployment {

    @Id
    public String id;

    @Column(nullable = false, unique = true)
    public String name;

    public String description;

    /** JSON object of string values. */
    @Column(nullable = false)
    public String parameters;

    /** JSON object of sealed values (service-kit SealedValues); the names in the clear. */
    @Column(name = "secret_parameters", nullable = false)
    public String secretParameters = "{}";

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
