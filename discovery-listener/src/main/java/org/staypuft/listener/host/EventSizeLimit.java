package org.staypuft.listener.host;

import java.util.List;
import java.util.function.Function;

import org.staypuft.events.EventCodec;
import org.staypuft.events.StaypuftEvent;
import org.staypuft.events.host.Hardware;
import org.staypuft.events.host.HostSnapshot;

/**
 * Keeps host events under 64 KiB. The configured caps make that the normal case; this is the last guard against a
 * hostile or freak upload (hundreds of long interface names, huge keys): it halves the longest lists of the
 * snapshot until the event fits. The raw facts stay complete on the facts topic.
 */
final class EventSizeLimit {

    static final int MAX_EVENT_BYTES = 64 * 1024;

    private EventSizeLimit() {
    }

    static <E extends StaypuftEvent> E fit(HostSnapshot snapshot, Function<HostSnapshot, E> event) {
        HostSnapshot current = snapshot;
        E candidate = event.apply(current);
        while (EventCodec.encodePayload(candidate).length > MAX_EVENT_BYTES) {
            current = halveLongestList(current);
            candidate = event.apply(current);
        }
        return candidate;
    }

    private static HostSnapshot halveLongestList(HostSnapshot host) {
        int interfaces = size(host.interfaces());
        Hardware hardware = host.hardware();
        int disks = hardware == null ? 0 : size(hardware.disks());
        int keys = size(host.sshHostKeys());
        if (interfaces == 0 && disks == 0 && keys == 0) {
            throw new IllegalStateException("Host event of " + host.name() + " exceeds " + MAX_EVENT_BYTES
                    + " bytes without any list left to shorten");
        }
        if (interfaces >= disks && interfaces >= keys) {
            return new HostSnapshot(host.name(), host.mac(), host.ipv4(), host.ipv6(),
                    host.interfaces().subList(0, interfaces / 2), hardware, host.sshHostKeys(),
                    host.discoveryImageVersion());
        }
        if (disks >= keys) {
            Hardware fewerDisks = new Hardware(hardware.cpuCount(), hardware.memoryBytes(), hardware.vendor(),
                    hardware.model(), hardware.diskCount(), hardware.disks().subList(0, disks / 2));
            return new HostSnapshot(host.name(), host.mac(), host.ipv4(), host.ipv6(), host.interfaces(),
                    fewerDisks, host.sshHostKeys(), host.discoveryImageVersion());
        }
        return new HostSnapshot(host.name(), host.mac(), host.ipv4(), host.ipv6(), host.interfaces(), hardware,
                host.sshHostKeys().subList(0, keys / 2), host.discoveryImageVersion());
    }

    private static int size(List<?> list) {
        return list == null ? 0 : list.size();
    }
}
