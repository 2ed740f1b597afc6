package dev.srl.cli;

import dev.srl.core.data.SrlTrajectoryFormat;
import dev.srl.core.data.TrajectoryFormat;
import dev.srl.math.s1k.S1kFormat;
import dev.srl.swe.action.ObservationPolicy;
import dev.srl.swe.format.SweFormats;

import java.util.ArrayList;
import java.util.List;

/**
 * The trajectory formats the command line knows, by {@code --format} name. Task adapters add theirs to
 * {@link #ALL} (one line each, e.g. s1K-1.1 from srl-math, SWE-smith from srl-swe).
 *
 * <pre>{@code
 * TrajectoryFormat f = TrajectoryFormats.byName("srl");
 * }</pre>
 */
public final class TrajectoryFormats {

    /** Every known format; the first is the default. */
    public static final List<TrajectoryFormat> ALL = all();

    private static List<TrajectoryFormat> all() {
        List<TrajectoryFormat> all = new ArrayList<>();
        all.add(new SrlTrajectoryFormat());
        all.add(new S1kFormat());
        all.addAll(SweFormats.all(ObservationPolicy.DEFAULT));   // swe-smith, sweagent-traj, openhands, nebius
        return List.copyOf(all);
    }

    private TrajectoryFormats() {
    }

    /** The names, in registration order. */
    public static List<String> names() {
        List<String> names = new ArrayList<>();
        for (TrajectoryFormat f : ALL) names.add(f.name());
        return names;
    }

    /** The format called {@code name}; an {@link IllegalArgumentException} listing the known names otherwise. */
    public static TrajectoryFormat byName(String name) {
        for (TrajectoryFormat f : ALL) {
            if (f.name().equals(name)) return f;
        }
        throw new IllegalArgumentException("unknown trajectory format '" + name + "' (known: " + String.join(", ", names()) + ")");
    }
}
