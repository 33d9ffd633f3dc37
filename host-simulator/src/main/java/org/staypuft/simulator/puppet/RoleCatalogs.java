package org.staypuft.simulator.puppet;

import java.util.List;
import java.util.Locale;

/**
 * The resources a role's catalog manages in {@code production}, modelled on the OpenStack roles the original
 * Staypuft seeded. Any other role gets a small generic catalog.
 */
public final class RoleCatalogs {

    /** The class that manages the agent service, a clone of theforeman/puppet's {@code puppet::agent::service}. */
    public static final String MANAGEMENT_CLASS = "Foreman::Puppet::Agent::Service";
    public static final CatalogResource AGENT_SERVICE = new CatalogResource("Service", "puppet", MANAGEMENT_CLASS);
    /** What changes too when the agent is enabled on a host with drift. */
    public static final CatalogResource DRIFTING_CONFIG = new CatalogResource("File", "/etc/puppet/puppet.conf",
            MANAGEMENT_CLASS);

    private RoleCatalogs() {
    }

    public static List<CatalogResource> forRole(String role) {
        String name = role == null ? "" : role.toLowerCase(Locale.ROOT);
        if (name.contains("controller")) {
            return resources("Role::Controller",
                    "Package[mariadb-server]", "Service[mariadb]", "Package[rabbitmq-server]",
                    "Service[rabbitmq-server]", "Package[openstack-keystone]", "File[/etc/keystone/keystone.conf]",
                    "Service[openstack-keystone]", "Package[openstack-nova-api]", "Service[openstack-nova-api]",
                    "Package[openstack-neutron]", "Service[neutron-server]");
        }
        if (name.contains("compute")) {
            return resources("Role::Compute",
                    "Package[libvirt]", "Service[libvirtd]", "Package[openstack-nova-compute]",
                    "File[/etc/nova/nova.conf]", "Service[openstack-nova-compute]",
                    "Package[openstack-neutron-openvswitch]", "Service[neutron-openvswitch-agent]");
        }
        if (name.contains("ceph") || name.contains("storage")) {
            return resources("Role::Ceph_storage",
                    "Package[ceph]", "File[/etc/ceph/ceph.conf]", "Service[ceph-osd]");
        }
        return resources("Role::Generic", "Package[chrony]", "File[/etc/chrony.conf]", "Service[chronyd]",
                "File[/etc/motd]");
    }

    /**
     * The catalog of a classifier's role classes (e.g. {@code openstack::controller}), chosen by the same names as
     * {@link #forRole}; no role classes (the {@code discovery} environment) is an empty catalog.
     */
    public static List<CatalogResource> forClasses(List<String> roleClasses) {
        return roleClasses.isEmpty() ? List.of() : forRole(String.join(",", roleClasses));
    }

    private static List<CatalogResource> resources(String containingClass, String... refs) {
        return java.util.Arrays.stream(refs).map(ref -> CatalogResource.parse(ref, containingClass)).toList();
    }
}
