// Package plots draws the charts of an experiment from its summary table.
//
// A summary table has one row per sweep point: the column "point", the swept
// paths, then for every metric M the columns M, M.lo and M.hi (mean and 95%
// confidence interval) and optionally theory.<metric> columns holding closed
// form values (empty where none applies). The table reaches this package
// through the [Table] interface, whose cells are plain text, so callers need
// not import gonum; [ReadCSV] reads summary.csv back into one.
//
// Each chart is described by a [Spec]:
//
//   - A line chart of one metric against one swept path (x), with one line
//     per value of another swept path (series), in the order the values
//     appear. With replications, points carry 95% error bars; a theory
//     column is drawn as a dashed line per series, broken where it is empty.
//     When x holds names rather than numbers, the points stand at evenly
//     spaced categories, are not joined, and are nudged sideways per series.
//   - The Decomposition chart: stacked bars of the mean send, receive and
//     process delays at every x value, showing Delay = Send + Receive +
//     Process, with one panel per series value; a part that is 0 at every
//     point is left out, and the subtitle says so. Each panel has its own y
//     scale, so that small delays stay readable beside large ones; a panel
//     whose delays stay below a tenth of the largest gets its own unit,
//     and then every tick names its unit ("250 ms").
//
// Durations are shown in the unit that suits their range (s, ms, µs, ns),
// named in the axis label. Log axes leave out values that are not
// positive, and have at least four labels; the nines axis draws
// reliability r as -log10(1-r), capped at [MaxNines].
// Tick labels carry no needless decimals and write large numbers as 90k,
// 2.5M; category labels that would collide are shrunk, then thinned out
// (numbers) or turned vertical and shortened (names).
//
// A point flagged bimodal in the flags column (its replications split,
// some collapsed and some did not) also gets the spread of its
// replications, M.min to M.max, as a dotted line beside its error bar.
//
// Error bars are drawn within the range a metric can take, whatever the
// table holds: [0, 1] for reliability and utilizations, from 0 up for
// delays, counts and rates (a Student-t interval on few replications can
// reach past those limits). On a nines axis an interval that reaches a
// reliability of 1 has no finite upper end; it is drawn as an arrow.
//
// Charts are 16 cm × 10 cm PNG images at 200 dpi with a sans-serif font.
// Colours come from the Okabe–Ito palette, which colour-blind readers can
// tell apart, and every series also has its own marker and dash pattern, so
// charts survive greyscale printing. Legends stand above the data area,
// where they hide nothing. The same inputs always give byte-identical files.
//
// When a table holds more swept paths than a chart's x and series, rows that
// differ in the other paths are drawn as separate lines (or panels)
// labelled with those paths' values, rather than joined into one zig-zag.
// A swept distribution ("lognormal(mean=20ms, cv=2)") is labelled by what
// changes between the values of its column ("cv=2").
package plots
