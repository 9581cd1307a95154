// Package plots draws the charts of an experiment from its summary table.
//
// A summary table has one row per sweep point: the column "point", the swept
// paths, then for every metric M the columns M, M.lo and M.hi (mean and 95%
// confidence interval) and optionally theory.<metric> columns holding closed
// form values. The table reaches this package through the [Table] interface,
// whose cells are plain text, so callers need not import gonum.
//
// Each chart is described by a [Spec]: a line chart of one metric against one
// swept path (x), with one line per value of another swept path (series), or
// the "decomposition" chart, which stacks the mean send, receive and process
// delays of every point to show Delay = Send + Receive + Process.
//
// Charts are 16 cm × 10 cm PNG images at 200 dpi. Colours come from the
// Okabe–Ito palette, which colour-blind readers can tell apart, and every
// series also has its own marker and dash pattern, so charts survive greyscale
// printing. Legends are drawn above the data area, where they hide nothing.
// The same inputs always give byte-identical files.
//
// When a table holds more swept paths than a chart's x and series, rows that
// differ in the other paths are drawn as separate lines labelled with those
// paths' values, rather than being joined into one zig-zag line.
package plots
