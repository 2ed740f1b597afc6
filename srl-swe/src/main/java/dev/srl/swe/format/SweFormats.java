package dev.srl.swe.format;

import dev.srl.core.data.TrajectoryFormat;
import dev.srl.swe.action.ObservationPolicy;

import java.util.List;

/**
 * The software-engineering trajectory formats by command-line name: {@code swe-smith}, {@code sweagent-traj},
 * {@code openhands}, {@code nebius}.
 *
 * <pre>{@code
 * TrajectoryFormat f = SweFormats.byName("swe-smith", ObservationPolicy.DEFAULT);
 * }</pre>
 */
public final class SweFormats {
    private SweFormats() {
    }

    /** The command-line names, in documentation order. */
    public static final List<String> NAMES = List.of("swe-smith", "sweagent-traj", "openhands", "nebius");

    /** Every format with the given observation policy. */
    public static List<TrajectoryFormat> all(ObservationPolicy observations) {
        return List.of(new SweSmithFormat(ActionStyle.AUTO, observations), new SweAgentTrajFormat(observations),
                new OpenHandsFormat(observations), new NebiusFormat(observations));
    }

    /** The format called {@code name}; an {@link IllegalArgumentException} listing the names if there is none. */
    public static TrajectoryFormat byName(String name, ObservationPolicy observations) {
        for (TrajectoryFormat f : all(observations)) if (f.name().equals(name)) return f;
        throw new IllegalArgumentException("unknown SWE trajectory format '" + name + "' (expected one of " + NAMES + ")");
    }
}
