package dev.layerwise.search;

import dev.layerwise.files.AtomicFiles;
import dev.layerwise.display.Displayable;
import dev.layerwise.display.MimeBundle;
import dev.layerwise.plot.Chart;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every trial of a finished search: a table in the notebook, the best trial, charts of score per
 * trial and against each hyperparameter, and CSV. Make one with {@link Search#run}.
 */
public final class SearchResult implements Displayable {
    private final String method;
    private final SearchSpace space;
    private final boolean maximize;
    private final List<TrialRecord> trials;
    private final String ending;
    private final double seconds;

    SearchResult(String method, SearchSpace space, boolean maximize, List<TrialRecord> trials, String ending,
            double seconds) {
        this.method = method;
        this.space = space;
        this.maximize = maximize;
        this.trials = List.copyOf(trials);
        this.ending = ending;
        this.seconds = seconds;
    }

    /** @return the trials, in the order they ran */
    public List<TrialRecord> trials() {
        return trials;
    }

    /** @return {@code random} or {@code bayesian} */
    public String method() {
        return method;
    }

    /** @return the space searched */
    public SearchSpace space() {
        return space;
    }

    /** @return whether higher scores were better */
    public boolean maximized() {
        return maximize;
    }

    /** @return how the search ended, e.g. {@code all 20 trials ran} or why it stopped early */
    public String ending() {
        return ending;
    }

    /** @return the search's wall-clock time in seconds */
    public double seconds() {
        return seconds;
    }

    /** @return the trials that finished, in order */
    public List<TrialRecord> finished() {
        return trials.stream().filter(TrialRecord::finished).toList();
    }

    /**
     * The finished trial with the best score.
     *
     * @return the best trial
     * @throws IllegalStateException when no trial finished
     */
    public TrialRecord best() {
        return bestOf(trials, maximize).orElseThrow(() -> new IllegalStateException("No trial finished ("
                + trials.size() + " ran: " + count(TrialState.PRUNED) + " pruned, " + count(TrialState.FAILED)
                + " failed; " + ending + "). See the table's messages and fix the objective, or run more trials."));
    }

    /** @return the best trial's settings */
    public Params bestParams() {
        return best().params();
    }

    static Optional<TrialRecord> bestOf(List<TrialRecord> trials, boolean maximize) {
        Comparator<TrialRecord> byScore = Comparator.comparingDouble(TrialRecord::score);
        return trials.stream().filter(TrialRecord::finished).max(maximize ? byScore : byScore.reversed());
    }

    /** @return after each trial, the best finished score so far (NaN before the first) */
    public double[] bestSoFar() {
        double[] out = new double[trials.size()];
        double best = Double.NaN;
        for (int i = 0; i < out.length; i++) {
            TrialRecord t = trials.get(i);
            if (t.finished() && (Double.isNaN(best) || (maximize ? t.score() > best : t.score() < best))) {
                best = t.score();
            }
            out[i] = best;
        }
        return out;
    }

    private long count(TrialState state) {
        return trials.stream().filter(t -> t.state() == state).count();
    }

    /** @return score per trial with the best so far as a line: how fast the search found good settings */
    public Chart plot() {
        return SearchCharts.progress(this);
    }

    /**
     * Score against one hyperparameter, on a log axis for log-uniform ones: where the good values lie.
     *
     * @param param the hyperparameter's name
     * @return the chart
     */
    public Chart plot(String param) {
        return SearchCharts.against(this, space.get(param));
    }

    /** @return score against every hyperparameter, one panel each */
    public Chart plotAll() {
        return SearchCharts.againstAll(this);
    }

    /** @return one row per trial: number, each hyperparameter, score, state, seconds, message */
    public String toCsv() {
        StringBuilder sb = new StringBuilder("trial,");
        space.names().forEach(n -> sb.append(csv(n)).append(','));
        sb.append("score,state,seconds,message\n");
        for (TrialRecord t : trials) {
            sb.append(t.number()).append(',');
            space.names().forEach(n -> sb.append(csv(String.valueOf(t.params().get(n)))).append(','));
            sb.append(Double.isNaN(t.score()) ? "" : String.valueOf(t.score())).append(',').append(t.state()).append(',')
                    .append(String.format(Locale.ROOT, "%.3f", t.seconds())).append(',').append(csv(t.message()))
                    .append('\n');
        }
        return sb.toString();
    }

    /**
     * Writes {@link #toCsv()} to a file.
     *
     * @param file the file
     * @return the file
     * @throws IOException when it cannot be written
     */
    public Path saveCsv(Path file) throws IOException {
        return AtomicFiles.write("SearchResult.saveCsv", file, toCsv());
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    /** @return one line: method, trials by state, best, time, and how the search ended */
    public String summary() {
        String best = bestOf(trials, maximize).map(b -> String.format(Locale.ROOT, "best %.4g at trial %d (%s)",
                b.score(), b.number(), b.params())).orElse("no trial finished");
        return String.format(Locale.ROOT, "%s search, %s: %d trials (%d finished, %d pruned, %d failed) in %.1f s; %s;"
                + " %s.", method, maximize ? "maximize" : "minimize", trials.size(), count(TrialState.FINISHED),
                count(TrialState.PRUNED), count(TrialState.FAILED), seconds, best, ending);
    }

    private Table table() {
        List<String> headers = new ArrayList<>();
        headers.add("trial");
        headers.addAll(space.names());
        headers.addAll(List.of("score", "state", "seconds", "note"));
        Table table = new Table(headers);
        TrialRecord best = bestOf(trials, maximize).orElse(null);
        for (TrialRecord t : trials) {
            List<String> cells = new ArrayList<>();
            cells.add(String.valueOf(t.number()));
            space.names().forEach(n -> cells.add(t.params().format(n)));
            cells.add(Double.isNaN(t.score()) ? "—" : String.format(Locale.ROOT, "%.4f", t.score()));
            cells.add(t.state().toString());
            cells.add(String.format(Locale.ROOT, "%.1f", t.seconds()));
            cells.add(shorten(t.message()));
            table.row(cells, t == best);
        }
        return table;
    }

    private static String shorten(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "…";
    }

    @Override
    public String toString() {
        return summary() + "\n" + table().text() + (trials.isEmpty() ? "" : "(* = best)");
    }

    @Override
    public MimeBundle toMimeBundle() {
        String failures = trials.stream().filter(t -> t.state() == TrialState.FAILED)
                .map(t -> "<li>trial " + t.number() + ": " + Table.escape(t.message()) + "</li>")
                .collect(Collectors.joining());
        return MimeBundle.text(toString()).withHtml("<div><p>" + Table.escape(summary()) + "</p>" + table().html()
                + (failures.isEmpty() ? "" : "<p>Failures:</p><ul>" + failures + "</ul>") + "</div>");
    }
}
