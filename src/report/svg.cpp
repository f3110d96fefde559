// Inline SVG charts. Drawn with a viewBox and no fixed pixel size, so the
// browser scales them to the column width on a phone and on paper.
#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "closeloop/report/render.hpp"
#include "text.hpp"

namespace closeloop::report {

namespace {

using detail::coord;

// Making Data Count / NHSRplotthedots colours.
constexpr const char* kGrey = "#7b7d7d";
constexpr const char* kOrange = "#fab428";
constexpr const char* kBlue = "#289de0";
constexpr const char* kPurple = "#361475";
constexpr const char* kRed = "#de1b1b";
constexpr const char* kInk = "#231f20";
constexpr const char* kGrid = "#e8edee";

const char* colour_of(PointClass point_class) {
  switch (point_class) {
    case PointClass::concern: return kOrange;
    case PointClass::improvement: return kBlue;
    case PointClass::neutral: return kPurple;
    case PointClass::common_cause: break;
  }
  return kGrey;
}

// A "nice" step (1, 2, 2.5 or 5 times a power of ten) for about `target` ticks.
double nice_step(double range, int target) {
  if (!(range > 0.0)) return 1.0;
  const double raw = range / static_cast<double>(target);
  const double power = std::pow(10.0, std::floor(std::log10(raw)));
  const double fraction = raw / power;
  double nice = 10.0;
  if (fraction <= 1.0) {
    nice = 1.0;
  } else if (fraction <= 2.0) {
    nice = 2.0;
  } else if (fraction <= 2.5) {
    nice = 2.5;
  } else if (fraction <= 5.0) {
    nice = 5.0;
  }
  return nice * power;
}

// Decimals enough to tell ticks `step` apart (0.25 -> 2, 0.5 -> 1, 2 -> 0).
int decimals_for(double step) {
  if (step >= 1.0) return step == std::floor(step) ? 0 : 1;
  int decimals = static_cast<int>(std::ceil(-std::log10(step) - 1e-9));
  const double scaled = step * std::pow(10.0, decimals);
  if (std::fabs(scaled - std::round(scaled)) > 1e-9) ++decimals;
  return std::min(decimals, 6);
}

struct Scale {
  double domain_low = 0.0;
  double domain_high = 1.0;
  double range_low = 0.0;
  double range_high = 1.0;
  [[nodiscard]] double operator()(double value) const {
    if (domain_high == domain_low) return (range_low + range_high) / 2.0;
    return range_low +
           (value - domain_low) * (range_high - range_low) / (domain_high - domain_low);
  }
};

struct Axis {
  double low = 0.0;
  double high = 1.0;
  double step = 1.0;
};

Axis axis_for(double low, double high, int ticks) {
  if (!std::isfinite(low) || !std::isfinite(high)) return {0.0, 1.0, 0.25};
  if (high <= low) {
    const double pad = low == 0.0 ? 1.0 : std::fabs(low) * 0.1;
    low -= pad;
    high += pad;
  }
  const double step = nice_step(high - low, ticks);
  return {std::floor(low / step) * step, std::ceil(high / step) * step, step};
}

// A rectangle in SVG units.
struct Box {
  double left = 0.0;
  double top = 0.0;
  double right = 0.0;
  double bottom = 0.0;
};

double overlap(const Box& a, const Box& b) {
  const double w = std::min(a.right, b.right) - std::max(a.left, b.left);
  const double h = std::min(a.bottom, b.bottom) - std::max(a.top, b.top);
  return w > 0.0 && h > 0.0 ? w * h : 0.0;
}

// The size of funnel labels; their width is estimated from the number of
// characters (0.56 em each, generous for system sans-serif faces).
constexpr double kLabelSize = 12.0;

double label_width(std::string_view text) {
  std::size_t characters = 0;
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) ++characters;
  }
  return static_cast<double>(characters) * kLabelSize * 0.56;
}

struct Label {
  double x = 0.0;
  double y = 0.0;
  const char* anchor = "start";
  Box box;
};

// A funnel point as drawn: its index in the funnel, position, and whether it
// lies outside the 95% limits (labelled first and in bold).
struct PlacedPoint {
  std::size_t index = 0;
  double x = 0.0;
  double y = 0.0;
  bool outside = false;
};

// The first candidate position for `text` beside the point (px, py) that
// stays inside `bounds` and overlaps none of `obstacles`; else the one with
// the least overlap (outside the bounds counts as overlap).
Label place_label(std::string_view text, double px, double py, const Box& bounds,
                  const std::vector<Box>& obstacles) {
  struct Candidate {
    double dx;
    double dy;
    const char* anchor;
  };
  static constexpr Candidate kCandidates[] = {
      {8.0, 4.0, "start"},    {-8.0, 4.0, "end"},    {6.0, -8.0, "start"},  {-6.0, -8.0, "end"},
      {6.0, 17.0, "start"},   {-6.0, 17.0, "end"},   {0.0, -10.0, "middle"}, {0.0, 20.0, "middle"},
      {8.0, -20.0, "start"},  {-8.0, -20.0, "end"},  {8.0, 29.0, "start"},  {-8.0, 29.0, "end"},
  };
  const double width = label_width(text);
  Label best;
  double best_cost = std::numeric_limits<double>::infinity();
  for (const auto& c : kCandidates) {
    Label label;
    label.x = px + c.dx;
    label.y = py + c.dy;
    label.anchor = c.anchor;
    double left = label.x;
    if (c.anchor[0] == 'e') left = label.x - width;
    if (c.anchor[0] == 'm') left = label.x - width / 2.0;
    label.box = {left, label.y - kLabelSize * 0.8, left + width, label.y + kLabelSize * 0.25};
    const double area = (label.box.right - label.box.left) * (label.box.bottom - label.box.top);
    double cost = area - overlap(label.box, bounds);
    for (const auto& box : obstacles) cost += overlap(label.box, box);
    if (cost <= 0.0) return label;
    if (cost < best_cost) {
      best_cost = cost;
      best = label;
    }
  }
  return best;
}

void open_svg(std::string& out, double width, double height, const std::string& label,
              const std::string& css_class) {
  out += "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"" + css_class +
         "\" viewBox=\"0 0 " + coord(width) + " " + coord(height) +
         "\" role=\"img\" aria-label=\"" + escape_html(label) +
         "\" font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif\">";
  out += "<title>" + escape_html(label) + "</title>";
}

void y_grid(std::string& out, const Axis& axis, const Scale& y, double left, double right) {
  const int decimals = decimals_for(axis.step);
  for (double tick = axis.low; tick <= axis.high + axis.step * 1e-9; tick += axis.step) {
    const double at = y(tick);
    out += "<line x1=\"" + coord(left) + "\" x2=\"" + coord(right) + "\" y1=\"" + coord(at) +
           "\" y2=\"" + coord(at) + "\" stroke=\"" + kGrid + "\" stroke-width=\"1\"/>";
    out += "<text x=\"" + coord(left - 6.0) + "\" y=\"" + coord(at + 4.0) +
           "\" font-size=\"12\" text-anchor=\"end\" fill=\"#425563\">" +
           detail::fixed(tick, decimals) + "</text>";
  }
}

// A stepped line through per-point values: each point's value held across its
// slot, broken at NaN and at phase starts. Constant values draw a straight line.
std::string stepped_path(const std::vector<double>& values, const std::vector<bool>& phase_start,
                         const Scale& y, double left, double slot) {
  std::string d;
  bool pen_down = false;
  for (std::size_t i = 0; i < values.size(); ++i) {
    const double value = values[i];
    if (!std::isfinite(value) || phase_start[i]) pen_down = false;
    if (!std::isfinite(value)) continue;
    const double x0 = left + slot * static_cast<double>(i);
    const double x1 = x0 + slot;
    const double at = y(value);
    d += pen_down ? "L" : "M";
    d += coord(x0) + " " + coord(at) + "L" + coord(x1) + " " + coord(at);
    pen_down = true;
  }
  return d;
}

// The drawing area of a chart: its size and the margins around the plot.
struct Frame {
  double width;
  double height;
  double left;
  double right;
  double top;
  double bottom;
};

// Opens a chart's <svg>. A chart with nothing to draw says so and is closed:
// false is returned and nothing more is to be added.
bool open_chart(std::string& out, const Frame& f, const std::string& title, const char* css_class,
                bool empty, const char* empty_message) {
  open_svg(out, f.width, f.height, title, css_class);
  if (!empty) return true;
  out += "<text x=\"" + coord(f.width / 2.0) + "\" y=\"" + coord(f.height / 2.0) +
         "\" text-anchor=\"middle\" font-size=\"14\" fill=\"#425563\">" + empty_message +
         "</text></svg>";
  return false;
}

}  // namespace

std::string spc_chart_svg(const MetricSeries& series) {
  // Sized so that 12-unit text stays readable when two charts share a row.
  constexpr Frame f{560.0, 260.0, 44.0, 10.0, 22.0, 30.0};
  std::string out;
  const std::size_t n = series.points.size();
  if (!open_chart(out, f, series.title + " (" + series.unit + ")", "spc-chart", n == 0,
                  "No data in the period")) {
    return out;
  }

  double low = std::numeric_limits<double>::infinity();
  double high = -std::numeric_limits<double>::infinity();
  const auto take = [&](double value) {
    if (!std::isfinite(value)) return;
    low = std::min(low, value);
    high = std::max(high, value);
  };
  for (const auto& p : series.points) {
    take(p.value);
    take(p.centre);
    take(p.lcl);
    take(p.ucl);
  }
  if (series.target) take(*series.target);
  if (low >= 0.0) low = 0.0;  // rates and counts: show the zero line
  const Axis axis = axis_for(low, high, 5);
  const Scale y{axis.low, axis.high, f.height - f.bottom, f.top};
  const double slot = (f.width - f.left - f.right) / static_cast<double>(n);
  const auto x_of = [&](std::size_t i) { return f.left + slot * (static_cast<double>(i) + 0.5); };

  y_grid(out, axis, y, f.left, f.width - f.right);

  std::vector<bool> phase_start(n, false);
  for (const auto& b : series.phase_breaks) {
    if (b.index < n) phase_start[b.index] = true;
  }
  std::vector<double> centre;
  std::vector<double> lcl;
  std::vector<double> ucl;
  for (const auto& p : series.points) {
    centre.push_back(p.centre);
    lcl.push_back(p.lcl);
    ucl.push_back(p.ucl);
  }
  const std::string limits_style =
      std::string("\" fill=\"none\" stroke=\"") + kInk +
      "\" stroke-width=\"1.2\" stroke-dasharray=\"5 4\" class=\"limit\"/>";
  const std::string upper = stepped_path(ucl, phase_start, y, f.left, slot);
  const std::string lower = stepped_path(lcl, phase_start, y, f.left, slot);
  if (!upper.empty()) out += "<path d=\"" + upper + limits_style;
  if (!lower.empty()) out += "<path d=\"" + lower + limits_style;
  const std::string mid = stepped_path(centre, phase_start, y, f.left, slot);
  if (!mid.empty()) {
    out += "<path d=\"" + mid + "\" fill=\"none\" stroke=\"" + kInk +
           "\" stroke-width=\"1.5\" class=\"centre\"/>";
  }
  if (series.target && std::isfinite(*series.target)) {
    const double at = y(*series.target);
    out += "<line x1=\"" + coord(f.left) + "\" x2=\"" + coord(f.width - f.right) + "\" y1=\"" +
           coord(at) + "\" y2=\"" + coord(at) + "\" stroke=\"" + kRed +
           "\" stroke-width=\"1.5\" stroke-dasharray=\"2 3\" class=\"target\"/>";
  }

  for (const auto& b : series.phase_breaks) {
    if (b.index >= n) continue;
    const double at = f.left + slot * static_cast<double>(b.index);
    out += "<line x1=\"" + coord(at) + "\" x2=\"" + coord(at) + "\" y1=\"" + coord(f.top - 8.0) +
           "\" y2=\"" + coord(f.height - f.bottom) + "\" stroke=\"#005eb8\" stroke-width=\"1.5\" "
           "stroke-dasharray=\"3 3\" class=\"phase-break\"><title>" + escape_html(b.label) +
           "</title></line>";
    const bool right_half = at > f.width * 0.6;
    out += "<text x=\"" + coord(right_half ? at - 4.0 : at + 4.0) + "\" y=\"" + coord(f.top - 10.0 + 8.0) +
           "\" font-size=\"12\" fill=\"#005eb8\" text-anchor=\"" + (right_half ? "end" : "start") +
           "\">" + escape_html(b.label) + "</text>";
  }

  std::string line;
  bool pen_down = false;
  for (std::size_t i = 0; i < n; ++i) {
    const double value = series.points[i].value;
    if (!std::isfinite(value)) {
      pen_down = false;
      continue;
    }
    line += pen_down ? "L" : "M";
    line += coord(x_of(i)) + " " + coord(y(value));
    pen_down = true;
  }
  if (!line.empty()) {
    out += "<path d=\"" + line + "\" fill=\"none\" stroke=\"" + kGrey +
           "\" stroke-width=\"1.8\" class=\"data\"/>";
  }
  const double radius = n > 48 ? 2.6 : 3.8;
  for (std::size_t i = 0; i < n; ++i) {
    const auto& p = series.points[i];
    if (!std::isfinite(p.value)) continue;
    out += "<circle cx=\"" + coord(x_of(i)) + "\" cy=\"" + coord(y(p.value)) + "\" r=\"" +
           coord(radius) + "\" fill=\"" + colour_of(p.point_class) + "\" class=\"point " +
           std::string(to_string(p.point_class)) + "\"><title>" +
           escape_html(detail::month_label(p.period_start) + ": " + detail::fixed(p.value, 2)) +
           "</title></circle>";
  }

  const std::size_t every = std::max<std::size_t>(1, (n + 5) / 6);
  for (std::size_t i = 0; i < n; i += every) {
    out += "<text x=\"" + coord(x_of(i)) + "\" y=\"" + coord(f.height - f.bottom + 17.0) +
           "\" font-size=\"12\" text-anchor=\"middle\" fill=\"#425563\">" +
           escape_html(detail::month_label(series.points[i].period_start)) + "</text>";
  }
  out += "<line x1=\"" + coord(f.left) + "\" x2=\"" + coord(f.width - f.right) + "\" y1=\"" +
         coord(f.height - f.bottom) + "\" y2=\"" + coord(f.height - f.bottom) +
         "\" stroke=\"#425563\" stroke-width=\"1\"/>";
  out += "</svg>";
  return out;
}

std::string funnel_svg(const Funnel& funnel) {
  constexpr Frame f{560.0, 290.0, 44.0, 12.0, 14.0, 42.0};
  std::string out;
  if (!open_chart(out, f, funnel.title + " (" + funnel.unit + ")", "funnel-plot",
                  funnel.points.empty(), "No services with exposure")) {
    return out;
  }
  double max_exposure = 0.0;
  double max_rate = funnel.organisation_rate;
  for (const auto& p : funnel.points) {
    if (std::isfinite(p.exposure)) max_exposure = std::max(max_exposure, p.exposure);
    if (std::isfinite(p.rate)) max_rate = std::max(max_rate, p.rate);
  }
  // Limits at tiny exposures run off to infinity; the chart shows the limits
  // up to twice the highest service rate so every point stays readable.
  double curve_max = max_rate;
  for (const auto& c : funnel.curve) {
    if (c.exposure >= max_exposure * 0.15 && std::isfinite(c.upper998)) {
      curve_max = std::max(curve_max, c.upper998);
    }
  }
  const double y_top = std::min(curve_max, std::max(max_rate * 2.0, funnel.organisation_rate * 2.0));
  const Axis y_axis = axis_for(0.0, y_top * 1.05, 5);
  const Axis x_axis = axis_for(0.0, max_exposure * 1.08, 6);
  const Scale x{x_axis.low, x_axis.high, f.left, f.width - f.right};
  const Scale y{y_axis.low, y_axis.high, f.height - f.bottom, f.top};
  y_grid(out, y_axis, y, f.left, f.width - f.right);
  out += "<clipPath id=\"clip-" + escape_html(anchor_of(LinkKind::funnel, funnel.id)) +
         "\"><rect x=\"" + coord(f.left) + "\" y=\"" + coord(f.top) + "\" width=\"" +
         coord(f.width - f.left - f.right) + "\" height=\"" + coord(f.height - f.top - f.bottom) +
         "\"/></clipPath><g clip-path=\"url(#clip-" +
         escape_html(anchor_of(LinkKind::funnel, funnel.id)) + ")\">";
  const auto curve_path = [&](double FunnelCurvePoint::*field) {
    std::string d;
    bool pen_down = false;
    for (const auto& c : funnel.curve) {
      const double value = c.*field;
      if (!std::isfinite(value) || !(c.exposure > 0.0)) {
        pen_down = false;
        continue;
      }
      d += pen_down ? "L" : "M";
      d += coord(x(c.exposure)) + " " + coord(y(std::min(value, y_axis.high * 4.0)));
      pen_down = true;
    }
    return d;
  };
  const std::string dashed = std::string("\" fill=\"none\" stroke=\"") + kInk +
                             "\" stroke-width=\"1.2\" stroke-dasharray=\"5 4\" class=\"limit95\"/>";
  const std::string solid = std::string("\" fill=\"none\" stroke=\"") + kInk +
                            "\" stroke-width=\"1.4\" class=\"limit998\"/>";
  for (auto field : {&FunnelCurvePoint::upper95, &FunnelCurvePoint::lower95}) {
    const std::string d = curve_path(field);
    if (!d.empty()) out += "<path d=\"" + d + dashed;
  }
  for (auto field : {&FunnelCurvePoint::upper998, &FunnelCurvePoint::lower998}) {
    const std::string d = curve_path(field);
    if (!d.empty()) out += "<path d=\"" + d + solid;
  }
  const double centre = y(funnel.organisation_rate);
  out += "<line x1=\"" + coord(f.left) + "\" x2=\"" + coord(f.width - f.right) + "\" y1=\"" +
         coord(centre) + "\" y2=\"" + coord(centre) + "\" stroke=\"#005eb8\" stroke-width=\"1.5\" class=\"centre\"/>";
  out += "</g>";

  // Points first, then their names: every service is labelled, placed
  // greedily (services outside the 95% limits first) at the first of a few
  // positions around its point that overlaps no point, no label placed
  // before and stays inside the plot; failing that, where it overlaps least.
  std::vector<Box> obstacles;
  std::vector<PlacedPoint> placed;
  for (std::size_t i = 0; i < funnel.points.size(); ++i) {
    const auto& p = funnel.points[i];
    if (!std::isfinite(p.rate) || !std::isfinite(p.exposure)) continue;
    PointClass point_class = PointClass::common_cause;
    const bool above = p.position.rfind("above", 0) == 0;
    const bool below = p.position.rfind("below", 0) == 0;
    if (above || below) {
      if (funnel.improvement == "decrease") {
        point_class = above ? PointClass::concern : PointClass::improvement;
      } else if (funnel.improvement == "increase") {
        point_class = above ? PointClass::improvement : PointClass::concern;
      } else {
        point_class = PointClass::neutral;
      }
    }
    const double px = x(p.exposure);
    const double py = y(std::min(p.rate, y_axis.high));
    out += "<circle cx=\"" + coord(px) + "\" cy=\"" + coord(py) + "\" r=\"4.5\" fill=\"" +
           colour_of(point_class) + "\" stroke=\"#ffffff\" stroke-width=\"1\" class=\"point " +
           std::string(to_string(point_class)) + "\"><title>" +
           escape_html(p.service_name + ": " + detail::fixed(p.rate, 2) + " " + funnel.unit) +
           "</title></circle>";
    obstacles.push_back({px - 5.5, py - 5.5, px + 5.5, py + 5.5});
    placed.push_back({i, px, py, above || below});
  }
  std::stable_sort(placed.begin(), placed.end(), [](const PlacedPoint& a, const PlacedPoint& b) {
    return a.outside && !b.outside;
  });
  const Box bounds{f.left + 2.0, 0.0, f.width, f.height - f.bottom - 2.0};
  std::vector<std::string> labels(funnel.points.size());
  for (const auto& point : placed) {
    const auto& p = funnel.points[point.index];
    const Label label = place_label(p.service_name, point.x, point.y, bounds, obstacles);
    obstacles.push_back(label.box);
    labels[point.index] = "<text x=\"" + coord(label.x) + "\" y=\"" + coord(label.y) +
                          "\" font-size=\"" + coord(kLabelSize) + "\" fill=\"#231f20\"" +
                          (point.outside ? " font-weight=\"700\"" : "") + " text-anchor=\"" + label.anchor +
                          "\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\" class=\"label\">" +
                          escape_html(p.service_name) + "</text>";
  }
  for (const auto& text : labels) out += text;
  const int x_decimals = decimals_for(x_axis.step);
  for (double tick = x_axis.low; tick <= x_axis.high + x_axis.step * 1e-9; tick += x_axis.step) {
    const bool last = tick + x_axis.step > x_axis.high + x_axis.step * 1e-9;
    out += "<text x=\"" + coord(x(tick)) + "\" y=\"" + coord(f.height - f.bottom + 16.0) +
           "\" font-size=\"12\" text-anchor=\"" + (last ? "end" : "middle") + "\" fill=\"#425563\">" +
           (x_decimals == 0 ? detail::whole(tick) : detail::fixed(tick, x_decimals)) + "</text>";
  }
  out += "<text x=\"" + coord((f.left + f.width - f.right) / 2.0) + "\" y=\"" +
         coord(f.height - 6.0) + "\" font-size=\"12\" text-anchor=\"middle\" fill=\"#425563\">" +
         escape_html(detail::words(funnel.measure)) + "</text>";
  out += "<line x1=\"" + coord(f.left) + "\" x2=\"" + coord(f.width - f.right) + "\" y1=\"" +
         coord(f.height - f.bottom) + "\" y2=\"" + coord(f.height - f.bottom) +
         "\" stroke=\"#425563\" stroke-width=\"1\"/>";
  out += "</svg>";
  return out;
}

}  // namespace closeloop::report
