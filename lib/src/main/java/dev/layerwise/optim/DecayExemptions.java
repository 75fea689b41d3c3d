package dev.layerwise.optim;

import dev.layerwise.nn.ParamSpec;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The parameters weight decay leaves alone, as PyTorch users set with parameter groups: name
 * patterns ({@code *.bias}, {@code batchnorm*}), or every parameter but the connection weights of
 * dense and conv layers. A pattern matches a parameter's full name ({@code dense_1.bias}) or its
 * layer's name ({@code batchnorm_1}); {@code *} stands for any characters, {@code ?} for one.
 */
final class DecayExemptions {
    static final DecayExemptions NONE = new DecayExemptions(List.of(), false);

    private final List<String> patterns;
    private final List<Pattern> compiled;
    private final boolean weightsOnly;

    private DecayExemptions(List<String> patterns, boolean weightsOnly) {
        this.patterns = List.copyOf(patterns);
        this.compiled = patterns.stream().map(LayerRates::glob).toList();
        this.weightsOnly = weightsOnly;
    }

    /** These exemptions and more name patterns; each must be a non-blank name or glob. */
    DecayExemptions plus(String... more) {
        if (more == null || more.length == 0) {
            throw new IllegalArgumentException("noDecayOn(): name at least one parameter or pattern, e.g."
                    + " noDecayOn(\"*.bias\", \"batchnorm*\"), or use decayWeightsOnly().");
        }
        Set<String> all = new LinkedHashSet<>(patterns);
        for (String p : more) {
            if (p == null || p.isBlank()) {
                throw new IllegalArgumentException("noDecayOn(" + (p == null ? "null" : "\"" + p + "\"") + "): expected a"
                        + " parameter name or pattern such as \"*.bias\" or \"batchnorm*\".");
            }
            all.add(p);
        }
        return new DecayExemptions(new ArrayList<>(all), weightsOnly);
    }

    /** These exemptions with every parameter but connection weights exempt. */
    DecayExemptions weightsOnly() {
        return new DecayExemptions(patterns, true);
    }

    static DecayExemptions of(List<String> patterns, boolean weightsOnly) {
        return patterns.isEmpty() && !weightsOnly ? NONE : new DecayExemptions(patterns, weightsOnly);
    }

    List<String> patterns() {
        return patterns;
    }

    boolean isWeightsOnly() {
        return weightsOnly;
    }

    boolean isEmpty() {
        return patterns.isEmpty() && !weightsOnly;
    }

    /** Whether weight decay applies to a parameter. */
    boolean decays(ParamSpec parameter) {
        if (weightsOnly && parameter.role() != ParamSpec.Role.WEIGHT) {
            return false;
        }
        return compiled.stream().noneMatch(p -> matches(p, parameter.name()));
    }

    private static boolean matches(Pattern p, String fullName) {
        int dot = fullName.lastIndexOf('.');
        return p.matcher(fullName).matches() || (dot > 0 && p.matcher(fullName.substring(0, dot)).matches());
    }

    /** The patterns that match none of the given parameters (a misspelt name would silently do nothing). */
    List<String> unmatched(List<ParamSpec> parameters) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < patterns.size(); i++) {
            Pattern p = compiled.get(i);
            if (parameters.stream().noneMatch(s -> matches(p, s.name()))) {
                out.add(patterns.get(i));
            }
        }
        return out;
    }

    /** @return e.g. {@code , noDecayOn=[*.bias]} or {@code , decayWeightsOnly}, empty when none */
    String describe() {
        return (weightsOnly ? ", decayWeightsOnly" : "") + (patterns.isEmpty() ? "" : ", noDecayOn=" + patterns);
    }
}
