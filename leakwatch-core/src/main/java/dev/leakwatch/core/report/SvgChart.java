package dev.leakwatch.core.report;

import dev.leakwatch.core.model.Trend;
import java.util.List;
import java.util.Locale;

/**
 * Draws one resource's samples and fitted trend as inline SVG, so the HTML report needs no
 * script, library or network to show its charts.
 */
final class SvgChart {
    static final int WIDTH = 640;
    static final int HEIGHT = 220;
    private static final int LEFT = 80;
    private static final int RIGHT = 16;
    private static final int TOP = 14;
    private static final int BOTTOM = 34;

    private SvgChart() {}

    static String render(Trend trend) {
        List<double[]> pts = trend.series();
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 ")
                .append(WIDTH).append(' ').append(HEIGHT).append("\" role=\"img\" aria-label=\"")
                .append(Html.escape(trend.resource().id())).append(" samples and fitted trend\">");
        if (pts.isEmpty()) {
            svg.append("<text x=\"20\" y=\"40\">no samples</text></svg>");
            return svg.toString();
        }
        double t0 = pts.get(0)[0];
        double t1 = Math.max(pts.get(pts.size() - 1)[0], t0 + 1);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] p : pts) {
            lo = Math.min(lo, p[1]);
            hi = Math.max(hi, p[1]);
        }
        double fitStart = trend.intercept();
        double fitEnd = trend.intercept() + trend.slopePerMinute() * (t1 - t0) / 60_000.0;
        lo = Math.min(lo, Math.min(fitStart, fitEnd));
        hi = Math.max(hi, Math.max(fitStart, fitEnd));
        if (hi - lo < 1e-9) {
            hi = lo + Math.max(1, Math.abs(lo) * 0.01);
        }
        double pad = (hi - lo) * 0.08;
        lo -= pad;
        hi += pad;
        Scale x = new Scale(t0, t1, LEFT, WIDTH - RIGHT);
        Scale y = new Scale(lo, hi, HEIGHT - BOTTOM, TOP);

        svg.append("<rect x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"")
                .append(WIDTH - LEFT - RIGHT).append("\" height=\"").append(HEIGHT - TOP - BOTTOM)
                .append("\" class=\"plot\"/>");
        for (int i = 0; i <= 4; i++) {
            double v = lo + (hi - lo) * i / 4;
            double py = y.map(v);
            svg.append(line(LEFT, py, WIDTH - RIGHT, py, "grid"));
            svg.append("<text class=\"axis\" x=\"").append(LEFT - 6).append("\" y=\"").append(num(py + 4))
                    .append("\" text-anchor=\"end\">").append(Html.escape(Amounts.amount(v, trend.unit())))
                    .append("</text>");
        }
        double seconds = (t1 - t0) / 1000.0;
        svg.append("<text class=\"axis\" x=\"").append(LEFT).append("\" y=\"").append(HEIGHT - 10)
                .append("\">0 s</text><text class=\"axis\" x=\"").append(WIDTH - RIGHT).append("\" y=\"")
                .append(HEIGHT - 10).append("\" text-anchor=\"end\">").append(Html.escape(Amounts.duration(seconds)))
                .append("</text>");
        StringBuilder path = new StringBuilder();
        for (double[] p : pts) {
            path.append(path.length() == 0 ? "M" : " L").append(num(x.map(p[0]))).append(',').append(num(y.map(p[1])));
        }
        svg.append("<path class=\"series\" d=\"").append(path).append("\"/>");
        for (double[] p : pts) {
            svg.append("<circle class=\"sample\" cx=\"").append(num(x.map(p[0]))).append("\" cy=\"")
                    .append(num(y.map(p[1]))).append("\" r=\"2.5\"><title>")
                    .append(Html.escape(Amounts.amount(p[1], trend.unit()))).append("</title></circle>");
        }
        svg.append(line(x.map(t0), y.map(fitStart), x.map(t1), y.map(fitEnd), "fit"));
        svg.append("</svg>");
        return svg.toString();
    }

    private static String line(double x1, double y1, double x2, double y2, String cls) {
        return "<line class=\"" + cls + "\" x1=\"" + num(x1) + "\" y1=\"" + num(y1) + "\" x2=\"" + num(x2)
                + "\" y2=\"" + num(y2) + "\"/>";
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** Linear map from a data range onto a pixel range. */
    private record Scale(double from, double to, double pixelFrom, double pixelTo) {
        double map(double v) {
            return pixelFrom + (v - from) / (to - from) * (pixelTo - pixelFrom);
        }
    }
}
