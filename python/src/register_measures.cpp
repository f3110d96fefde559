// Bindings of the measure series (metrics/measure_series.hpp) and the
// duration comparison: the one primitive behind trends, effectiveness and
// reports. The Python face is closeloop.measures.
#include "closeloop_python.hpp"

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "closeloop/lifecycle/register.hpp"
#include "closeloop/lifecycle/tables.hpp"
#include "closeloop/metrics/comparison.hpp"
#include "closeloop/metrics/measure_series.hpp"

namespace closeloop::python {

namespace {

namespace mx = closeloop::metrics;

template <class T>
py::array_t<T> copy_of(const std::vector<T>& values) {
  py::array_t<T> out(static_cast<py::ssize_t>(values.size()));
  std::copy(values.begin(), values.end(), out.mutable_data());
  return out;
}

py::array days_of(const std::vector<DayNumber>& days) {
  py::array_t<std::int64_t> widened(static_cast<py::ssize_t>(days.size()));
  std::copy(days.begin(), days.end(), widened.mutable_data());
  return widened.attr("view")("datetime64[D]");
}

using Days = py::array_t<DayNumber, py::array::c_style | py::array::forcecast>;
using Numbers = py::array_t<double, py::array::c_style | py::array::forcecast>;

std::span<const DayNumber> span(const Days& a) { return {a.data(), static_cast<std::size_t>(a.size())}; }
std::span<const double> span(const Numbers& a) { return {a.data(), static_cast<std::size_t>(a.size())}; }

mx::SeriesOptions series_options(const std::string& period, std::optional<Date> first,
                                 std::optional<Date> last) {
  mx::SeriesOptions options;
  options.period = mx::parse_period_kind(period);
  if (first) options.first = to_day_number(*first);
  if (last) options.last = to_day_number(*last);
  return options;
}

}  // namespace

void register_measures(py::module_& module) {
  module.def("measure_words", &word_list<metrics::Measure>,
             "The exposure measure words (occupied_bed_days, ...), in the order of their codes.");
  module.def("incident_table", &lifecycle::incident_table, py::arg("register"),
             "The register's incidents as an IncidentTable (for trends and measure series).");
  module.def("service_table", &lifecycle::service_table, py::arg("register"),
             "The register's services as a ServiceTable.");
  py::class_<mx::MeasureSeries>(module, "MeasureSeries",
                                "One measure of one scope per period (use closeloop.measures).")
      .def_property_readonly("name", [](const mx::MeasureSeries& s) { return s.name; })
      .def_property_readonly("kind",
                             [](const mx::MeasureSeries& s) { return std::string(mx::to_string(s.kind)); })
      .def_property_readonly("period",
                             [](const mx::MeasureSeries& s) { return std::string(mx::to_string(s.period)); })
      .def_property_readonly("services", [](const mx::MeasureSeries& s) { return s.scope.services; })
      .def_property_readonly("scope", [](const mx::MeasureSeries& s) { return s.scope.label(); })
      .def_property_readonly("per", [](const mx::MeasureSeries& s) { return s.per; })
      .def_property_readonly("unit", [](const mx::MeasureSeries& s) { return s.unit; })
      .def_property_readonly("period_start", [](const mx::MeasureSeries& s) { return days_of(s.period_start); })
      .def_property_readonly("numerator", [](const mx::MeasureSeries& s) { return copy_of(s.numerator); })
      .def_property_readonly("denominator", [](const mx::MeasureSeries& s) { return copy_of(s.denominator); })
      .def_property_readonly("value", [](const mx::MeasureSeries& s) { return copy_of(s.value); })
      .def_property_readonly("median", [](const mx::MeasureSeries& s) { return copy_of(s.median); })
      .def_property_readonly("sd", [](const mx::MeasureSeries& s) { return copy_of(s.sd); })
      .def_property_readonly("item_value", [](const mx::MeasureSeries& s) { return copy_of(s.item_value); })
      .def_property_readonly("item_period", [](const mx::MeasureSeries& s) { return copy_of(s.item_period); })
      .def("__len__", &mx::MeasureSeries::size);

  module.def(
      "_rate_series",
      [](const mx::IncidentTable& incidents, const mx::ExposureTable& exposure,
         const std::string& category, const std::vector<std::string>& services,
         const std::vector<std::string>& measures, double per, const std::string& period,
         std::optional<Date> first, std::optional<Date> last) {
        mx::RateSpec spec;
        spec.category = category;
        spec.scope.services = services;
        for (const auto& m : measures) spec.measures.push_back(mx::parse_measure(m));
        spec.per = per;
        return mx::rate_series(incidents, exposure, spec, series_options(period, first, last));
      });
  module.def("_count_series", [](const mx::IncidentTable& incidents, const std::string& category,
                                 const std::vector<std::string>& services, const std::string& period,
                                 std::optional<Date> first, std::optional<Date> last) {
    return mx::count_series(incidents, category, mx::Scope{services},
                            series_options(period, first, last));
  });
  module.def("_reporting_delay_series",
             [](const mx::IncidentTable& incidents, const std::string& category,
                const std::vector<std::string>& services, const std::string& period,
                std::optional<Date> first, std::optional<Date> last) {
               return mx::reporting_delay_series(incidents, category, mx::Scope{services},
                                                 series_options(period, first, last));
             });
  module.def("_proportion_series",
             [](const std::string& name, const Days& day, const Numbers& successes,
                const Numbers& trials, const std::string& period, std::optional<Date> first,
                std::optional<Date> last) {
               return mx::proportion_series(name, span(day), span(successes), span(trials),
                                            series_options(period, first, last));
             });
  module.def("_duration_series",
             [](const std::string& name, const std::string& unit, const Days& day,
                const Numbers& durations, const std::string& period, std::optional<Date> first,
                std::optional<Date> last) {
               return mx::duration_series(name, unit, span(day), span(durations),
                                          series_options(period, first, last));
             });
  module.def(
      "_split",
      [](const mx::MeasureSeries& series, const Date& change, std::optional<Date> as_of) {
        const mx::Split split = mx::split_series(
            series, to_day_number(change),
            as_of ? std::optional<DayNumber>(to_day_number(*as_of)) : std::nullopt);
        std::vector<std::string> sides;
        for (mx::Side side : split.side) {
          sides.emplace_back(side == mx::Side::before       ? "before"
                             : side == mx::Side::after      ? "after"
                             : side == mx::Side::transition ? "transition"
                                                            : "incomplete");
        }
        py::dict out;
        out["side"] = sides;
        out["first_after"] = split.first_after;
        out["before"] = split.before;
        out["after"] = split.after;
        return out;
      },
      "The one before/after split of a series (docs/metrics.md).");
  module.def(
      "_measure_chart",
      [](const mx::MeasureSeries& series, std::optional<Date> rebase_at,
         const std::string& improvement, std::optional<double> target) {
        mx::ChartOptions options;
        options.improvement = mx::parse_improvement(improvement);
        options.target = target;
        if (!rebase_at) return std::make_shared<mx::Chart>(mx::measure_chart(series, options));
        const mx::Split split = mx::split_series(series, to_day_number(*rebase_at));
        return std::make_shared<mx::Chart>(mx::rebased_chart(series, split, options));
      },
      "The chart of a series (u, p, xmr or c), rebased at a date when given.");

  py::class_<mx::DurationComparison>(module, "DurationComparison",
                                     "Two samples of durations: Hodges-Lehmann shift, Mann-Whitney.")
      .def_readonly("before_n", &mx::DurationComparison::before_n)
      .def_readonly("after_n", &mx::DurationComparison::after_n)
      .def_readonly("before_median", &mx::DurationComparison::before_median)
      .def_readonly("after_median", &mx::DurationComparison::after_median)
      .def_readonly("before_mean", &mx::DurationComparison::before_mean)
      .def_readonly("after_mean", &mx::DurationComparison::after_mean)
      .def_readonly("median_difference", &mx::DurationComparison::median_difference)
      .def_readonly("mean_difference", &mx::DurationComparison::mean_difference)
      .def_readonly("shift", &mx::DurationComparison::shift)
      .def_readonly("ci_lower", &mx::DurationComparison::ci_lower)
      .def_readonly("ci_upper", &mx::DurationComparison::ci_upper)
      .def_readonly("u_statistic", &mx::DurationComparison::u_statistic)
      .def_readonly("p_value", &mx::DurationComparison::p_value)
      .def_readonly("confidence", &mx::DurationComparison::confidence);
  module.def(
      "compare_durations",
      [](const Numbers& before, const Numbers& after, double confidence) {
        return mx::compare_durations(span(before), span(after), confidence);
      },
      py::arg("before"), py::arg("after"), py::kw_only(), py::arg("confidence") = 0.95,
      "Hodges-Lehmann shift after - before with its interval, and the Mann-Whitney test.");
}

}  // namespace closeloop::python
