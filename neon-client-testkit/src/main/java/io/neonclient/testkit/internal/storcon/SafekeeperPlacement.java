package io.neonclient.testkit.internal.storcon;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.core.TenantId;
import io.neonclient.core.TimelineId;
import io.neonclient.storcon.SkSchedulingPolicy;
import io.neonclient.testkit.internal.cluster.TimelineData;
import io.neonclient.testkit.internal.http.HttpError;
import io.neonclient.testkit.internal.http.Json;
import io.neonclient.testkit.internal.http.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Timelines on safekeepers when the controller runs with {@code --timelines-onto-safekeepers}
 * (storage_controller/src/service/safekeeper_service.rs): placement at timeline create (generation 1) and
 * {@code safekeeper_migrate}, which notifies the control plane of the joint configuration (old ∪ new, generation
 * + 1) and then of the new one (generation + 2) through {@code PUT notify-safekeepers}.
 */
final class SafekeeperPlacement {
    private final Storcon sc;
    /**
     * Records {@code timeline_import} made for timelines the simulation does not hold: upstream inserts the row
     * whether or not the timeline exists anywhere. Guarded by {@code sc}, as the timelines' placements are.
     */
    private final java.util.Map<String, List<Long>> importedOnly = new java.util.HashMap<>();

    SafekeeperPlacement(Storcon sc) {
        this.sc = sc;
    }

    /**
     * {@code timeline_import} (safekeeper_service.rs): inserts the controller's record of the timeline, or overwrites
     * it ({@code update_timeline_unsafe}): generation 1, {@code skSet}, no new set. The safekeepers are not contacted.
     */
    void timelineImport(TenantId tenant, TimelineId timeline, List<Long> skSet) {
        TimelineData t = find(tenant, timeline);
        synchronized (sc) {
            if (t != null) {
                t.placeOnSafekeepers(skSet);
                importedOnly.remove(tenant + "/" + timeline);
            } else {
                importedOnly.put(tenant + "/" + timeline, List.copyOf(skSet));
            }
        }
    }

    private TimelineData find(TenantId tenant, TimelineId timeline) {
        try {
            return sc.timelines().find(io.neonclient.core.TenantShardId.unsharded(tenant), timeline);
        } catch (HttpError notFound) {
            return null;
        }
    }

    /** Places a new timeline on the active safekeepers with the lowest ids; returns the SafekeepersInfo body. */
    ObjectNode place(TenantId tenant, TimelineData t) {
        List<Long> chosen = new ArrayList<>();
        synchronized (sc) {
            for (StorconSafekeeper sk : sc.safekeeperList()) {
                if (sk.schedulingPolicy() == SkSchedulingPolicy.ACTIVE && chosen.size() < sc.timelineSafekeeperCount()) {
                    chosen.add(sk.id());
                }
            }
        }
        if (chosen.size() < sc.timelineSafekeeperCount()) {
            throw HttpError.internal("couldn't find at least " + sc.timelineSafekeeperCount() + " safekeepers for timeline, found: "
                    + chosen.size());
        }
        t.placeOnSafekeepers(chosen);
        return info(tenant, t.id(), 1, chosen);
    }

    /**
     * {@code tenant_timeline_locate} (safekeeper_service.rs): the generation and safekeeper set the controller
     * recorded for a timeline it placed; NotFound when it placed none. {@code new_sk_set} is always null here: a
     * migration finishes within its request.
     */
    ObjectNode locate(TenantId tenant, TimelineId timeline) {
        TimelineData t = find(tenant, timeline);
        int generation;
        List<Long> members;
        synchronized (sc) {
            List<Long> imported = importedOnly.get(tenant + "/" + timeline);
            TimelineData.Membership m = t == null ? null : t.membership();
            if (m != null && m.generation() != 0) {
                generation = m.generation();
                members = m.set();
            } else if (t == null && imported != null) {
                generation = 1;
                members = imported;
            } else {
                throw HttpError.notFound("Timeline " + tenant + "/" + timeline + " not found");
            }
        }
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("generation", generation);
        ArrayNode set = n.putArray("sk_set");
        members.forEach(set::add);
        n.putNull("new_sk_set");
        return n;
    }

    ObjectNode info(TenantId tenant, TimelineId timeline, int generation, List<Long> members) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("tenant_id", tenant.toString());
        n.put("timeline_id", timeline.toString());
        n.put("generation", generation);
        ArrayNode arr = n.putArray("safekeepers");
        synchronized (sc) {
            for (Long id : members) {
                StorconSafekeeper sk = sc.safekeeperOrNull(id);
                ObjectNode o = arr.addObject().put("id", id);
                o.put("hostname", sk == null ? null : sk.host());
            }
        }
        return n;
    }

    /** {@code POST …/safekeeper_migrate {"new_sk_set": [..]}}. */
    Reply migrate(TenantId tenant, TimelineData t, List<Long> newSet) {
        if (newSet.isEmpty()) {
            throw HttpError.badRequest("new safekeeper set is empty");
        }
        synchronized (sc) {
            for (Long id : newSet) {
                if (sc.safekeeperOrNull(id) == null) {
                    throw HttpError.badRequest("safekeeper " + id + " does not exist");
                }
            }
        }
        if (newSet.size() < sc.timelineSafekeeperCount()) {
            throw HttpError.badRequest("new safekeeper set must have at least " + sc.timelineSafekeeperCount() + " safekeepers");
        }
        if (new TreeSet<>(newSet).size() != newSet.size()) {
            throw HttpError.badRequest("duplicate safekeeper in new_sk_set");
        }
        if (t.skGeneration() == 0) {
            throw HttpError.notFound("timeline " + tenant + "/" + t.id() + " doesn't exist in timelines table");
        }
        if (new TreeSet<>(t.skSet()).equals(new TreeSet<>(newSet))) {
            return Reply.nullBody();
        }
        List<Long> union = new ArrayList<>(new TreeSet<>(t.skSet()));
        newSet.stream().filter(id -> !union.contains(id)).forEach(union::add);
        String joint = Json.encodeToString(info(tenant, t.id(), t.skGeneration() + 1, union));
        String error = sc.hook().notifySafekeepers(joint);
        if (error != null) {
            throw HttpError.internal(error);
        }
        t.nextSafekeeperGeneration(null);
        String fin = Json.encodeToString(info(tenant, t.id(), t.skGeneration() + 1, newSet));
        error = sc.hook().notifySafekeepers(fin);
        if (error != null) {
            throw HttpError.internal(error);
        }
        t.nextSafekeeperGeneration(newSet);
        return Reply.nullBody();
    }
}
