package dev.layerwise.train;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import dev.layerwise.data.Examples;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The example sets a learner has copied to its device: the training set and the last few evaluation
 * sets, so that each epoch does not copy them again and old evaluation sets do not pile up.
 */
final class DeviceDataCache {
    /** The training set and up to three evaluation sets. */
    private static final int KEPT = 4;
    private final Map<Examples, DeviceData> sets = new LinkedHashMap<>();

    /** @return the examples on the device, copied there now if they are not yet */
    DeviceData get(Examples examples, Examples train, NDManager manager, Device device) {
        DeviceData d = sets.get(examples);
        if (d == null) {
            if (sets.size() >= KEPT) {
                Examples oldest = sets.keySet().stream().filter(e -> !e.equals(train)).findFirst().orElseThrow();
                sets.remove(oldest).close();
            }
            try (NDScope scope = new NDScope()) {
                d = new DeviceData(examples, manager, device);
                NDScope.unregister(d.arrays());
            }
            sets.put(examples, d);
        }
        return d;
    }

    /** Frees every copy; the next use copies again (to the learner's device at that time). */
    void clear() {
        sets.values().forEach(DeviceData::close);
        sets.clear();
    }
}
