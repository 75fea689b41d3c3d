package dev.layerwise.train;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import dev.layerwise.data.Examples;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The example sets a learner holds in native memory on its device ({@link DeviceData}: views of the
 * sets' shared mirrors, or copies), or is making in the background: the training set and the last few
 * evaluation sets, so that each epoch does not make them again and old evaluation sets do not pile up.
 */
final class DeviceDataCache {
    /** The training set and up to three evaluation sets. */
    private static final int KEPT = 4;
    private final Map<Examples, DataUpload> sets = new LinkedHashMap<>();

    /** Starts copying a set into native CPU memory on the background thread, unless it is there or on its way. */
    void prefetch(Examples examples, Examples train, NDManager manager) {
        upload(examples, train, manager);
    }

    /** @return the set's copy into native CPU memory, started in the background now if there is none */
    DataUpload upload(Examples examples, Examples train, NDManager manager) {
        DataUpload u = sets.get(examples);
        if (u == null) {
            makeRoom(train);
            u = DataUpload.start(examples, manager);
            sets.put(examples, u);
        }
        return u;
    }

    /** Replaces a set's copy with one made only when awaited: for tests of the first steps' host path. */
    void copyOnDemand(Examples examples, NDManager manager) {
        DataUpload old = sets.put(examples, DataUpload.onDemand(examples, manager));
        if (old != null) {
            old.cancel();
        }
    }

    /** @return the examples on the device, copied there now (or the background copy awaited) if they are not yet */
    DeviceData get(Examples examples, Examples train, NDManager manager, Device device) {
        DataUpload u = sets.get(examples);
        if (u == null) {
            makeRoom(train);
            DeviceData d;
            try (NDScope scope = new NDScope()) {
                d = new DeviceData(examples, manager, device, true);
                NDScope.unregister(d.arrays());
            }
            u = DataUpload.of(d);
            sets.put(examples, u);
        }
        return u.await();
    }

    private void makeRoom(Examples train) {
        if (sets.size() >= KEPT) {
            Examples oldest = sets.keySet().stream().filter(e -> !e.equals(train)).findFirst().orElseThrow();
            sets.remove(oldest).cancel();
        }
    }

    /**
     * Frees this learner's arrays (one still being made is freed when it is done; the shared mirrors
     * they wrap stay for other learners); the next use makes them again.
     */
    void clear() {
        sets.values().forEach(DataUpload::cancel);
        sets.clear();
    }
}
