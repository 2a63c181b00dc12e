package dev.surge.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The report's plots, drawn by gnuplot: throughput and latency over time (open-loop), latency by percentile. */
final class Plots {

    private Plots() {
    }

    static void draw(Lab lab, Path report, String name, List<String> openRuns, List<String> curves) {
        List<String> series = new ArrayList<>();
        List<String> latency = new ArrayList<>();
        for (String run : openRuns) {
            String label = run.replace('-', ' ');
            String csv = report.resolve("raw/" + run + ".series.csv").toString();
            series.add("'" + csv + "' using 1:2 with linespoints title '" + label + "'");
            latency.add("'" + csv + "' using 1:4 with lines title '" + label + " p99', '' using 1:3 with lines dt 2 title '"
                    + label + " p50'");
        }
        lab.exec(List.of("gnuplot"), """
                set terminal pngcairo size 900,420 font 'sans,10'
                set datafile separator ','
                set key top left
                set grid
                set output '%s'
                set title 'Completed requests per second, open-loop at a fixed rate'
                set xlabel 'second'; set ylabel 'requests/s'
                plot %s
                set output '%s'
                set title 'Latency per second (from the moment each request was due)'
                set ylabel 'ms'; set logscale y
                plot %s
                """.formatted(report.resolve(name + "-throughput.png"), String.join(", ", series),
                report.resolve(name + "-latency-over-time.png"), String.join(", ", latency)), true);
        // Latency percentile curves from the HdrHistogram percentile distributions (gnuplot's tic labels escape % as %%).
        List<String> plotted = new ArrayList<>();
        for (String run : curves) {
            Path curve = report.resolve("raw/" + run + ".curve");
            StringBuilder points = new StringBuilder();
            for (String line : Load.lines(report.resolve("raw/" + run + ".hgrm"))) {
                String[] f = line.trim().split("\\s+");
                if (f.length >= 2 && f[0].matches("[0-9.]+") && f[1].matches("[0-9.]+")) {
                    double percentile = Double.parseDouble(f[1]);
                    if (percentile < 1) {
                        points.append(f[0]).append(' ').append(1 / (1 - percentile)).append('\n');
                    }
                }
            }
            Load.write(curve, points.toString());
            plotted.add("'" + curve + "' using 2:1 with lines lw 2 title '" + run.replace('-', ' ') + "'");
        }
        lab.exec(List.of("gnuplot"), """
                set terminal pngcairo size 900,420 font 'sans,10'
                set output '%s'
                set title 'Latency by percentile'
                set logscale x; set logscale y; set grid
                set key top left
                set xlabel 'percentile'; set ylabel 'ms'
                set xtics ('0%%%%' 1, '90%%%%' 10, '99%%%%' 100, '99.9%%%%' 1000, '99.99%%%%' 10000, '99.999%%%%' 100000)
                plot %s
                """.formatted(report.resolve(name + "-percentiles.png"), String.join(", ", plotted)), true);
    }
}
