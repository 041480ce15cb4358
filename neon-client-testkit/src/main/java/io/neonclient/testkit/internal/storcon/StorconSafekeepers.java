package io.neonclient.testkit.internal.storcon;

import io.neonclient.storcon.SkSchedulingPolicy;
import io.neonclient.testkit.internal.http.HttpError;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The controller's safekeeper registry (storage_controller/src/service/safekeeper_service.rs): {@code safekeepers_list},
 * {@code get_safekeeper}, {@code upsert_safekeeper} and {@code set_safekeeper_scheduling_policy}. Records are immutable
 * and replaced with the {@link Storcon} monitor held.
 */
public final class StorconSafekeepers {
    private final Storcon sc;

    public StorconSafekeepers(Storcon sc) {
        this.sc = Objects.requireNonNull(sc, "sc");
    }

    /** {@code safekeepers_list}: every registered safekeeper, by id. */
    public List<StorconSafekeeper> safekeepersList() {
        synchronized (sc) {
            return new ArrayList<>(sc.safekeeperList());
        }
    }

    /** {@code get_safekeeper}: the record, or upstream's 404 {@code unknown instance id}. */
    public StorconSafekeeper getSafekeeper(long id) {
        synchronized (sc) {
            StorconSafekeeper s = sc.safekeeperOrNull(id);
            if (s == null) {
                throw HttpError.notFound("unknown instance id " + id);
            }
            return s;
        }
    }

    /**
     * {@code upsert_safekeeper}: a new safekeeper starts {@code Activating} (it turns {@code Active} on its first
     * heartbeat); an update keeps the scheduling policy the record has. The given record's policy is ignored.
     */
    public void upsertSafekeeper(StorconSafekeeper given) {
        synchronized (sc) {
            StorconSafekeeper old = sc.safekeeperOrNull(given.id());
            sc.putSafekeeper(given.withSchedulingPolicy(old == null ? SkSchedulingPolicy.ACTIVATING : old.schedulingPolicy()));
        }
    }

    /** {@code set_safekeeper_scheduling_policy}: an unknown id is the database's 500 {@code unexpected number of rows (0)}. */
    public void setSafekeeperSchedulingPolicy(long id, SkSchedulingPolicy policy) {
        synchronized (sc) {
            StorconSafekeeper s = sc.safekeeperOrNull(id);
            if (s == null) {
                throw HttpError.internal("unexpected number of rows (0)");
            }
            sc.putSafekeeper(s.withSchedulingPolicy(policy));
        }
    }
}
