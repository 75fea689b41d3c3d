package dev.layerwise.kernel.eval;

import dev.layerwise.interrupt.Interrupts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which cell a click on Stop applies to, depending on when it reaches the kernel. */
@Tag("unit")
class InterrupterTest {
    private final Interrupter interrupter = new Interrupter(() -> {});

    @AfterEach
    void forget() {
        Interrupts.reset();
    }

    @Test
    void aStopAfterTheCellWasTakenButBeforeItStartedStopsThatCell() {
        // Run then Stop at once: the request is taken while JShell is still busy (starting, parsing).
        interrupter.cellAccepted();
        interrupter.interrupt(null);
        interrupter.cellStarted();
        assertTrue(interrupter.interrupted(), "the cell is reported as interrupted before its first line");
        assertTrue(Interrupts.stopRequested(), "a training loop in the cell sees the stop at its first batch");
        interrupter.cellEnded();
    }

    @Test
    void aStopWhileIdleDoesNotStopTheNextCell() {
        interrupter.interrupt(null);
        assertTheNextCellRunsUnstopped();
    }

    @Test
    void aStopAfterACellEndedDoesNotStopTheNextOne() {
        interrupter.cellAccepted();
        interrupter.cellStarted();
        interrupter.cellEnded();
        interrupter.interrupt(null);
        assertTheNextCellRunsUnstopped();
    }

    private void assertTheNextCellRunsUnstopped() {
        interrupter.cellAccepted();
        interrupter.cellStarted();
        assertFalse(interrupter.interrupted(), "the next cell is not reported as interrupted");
        assertFalse(Interrupts.stopRequested(), "a training loop in the next cell runs");
        interrupter.cellEnded();
    }
}
