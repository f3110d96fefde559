// Bindings of the metrics area's comparison, funnel plots, trend job and
// special functions, on the helpers of metrics_bindings.hpp; register_metrics
// calls register_metrics_trends after binding the tables and grid they take.
#include "closeloop_python.hpp"
#include "metrics_bindings.hpp"

#include "closeloop/core/fields.hpp"

namespace closeloop::python::metrics_bindings {

void register_metrics_trends(py::module_& module) {
  using namespace metrics;

  py::class_<RateComparison>(module, "RateComparison", "Two rates and their ratio (after / before).")
      .def_readonly("before_count", &RateComparison::before_count)
      .def_readonly("before_exposure", &RateComparison::before_exposure)
      .def_readonly("after_count", &RateComparison::after_count)
      .def_readonly("after_exposure", &RateComparison::after_exposure)
      .def_readonly("per", &RateComparison::per)
      .def_readonly("before_rate", &RateComparison::before_rate)
      .def_readonly("after_rate", &RateComparison::after_rate)
      .def_readonly("rate_ratio", &RateComparison::rate_ratio)
      .def_readonly("ci_lower", &RateComparison::ci_lower)
      .def_readonly("ci_upper", &RateComparison::ci_upper)
      .def_readonly("p_value", &RateComparison::p_value)
      .def_readonly("confidence", &RateComparison::confidence)
      .def("__repr__", [](const RateComparison& r) {
        return "RateComparison(rate_ratio=" + number(r.rate_ratio) + ", ci=(" + number(r.ci_lower) +
               ", " + number(r.ci_upper) + "), p_value=" + number(r.p_value) + ")";
      });

  module.def("compare_rates", &compare_rates, py::arg("before_count"), py::arg("before_exposure"),
             py::arg("after_count"), py::arg("after_exposure"), py::kw_only(),
             py::arg("confidence") = 0.95, py::arg("per") = 1000.0,
             "Rate ratio after / before with an exact conditional-binomial interval and p-value.");
  module.def(
      "compare_before_after",
      [](const Grid& grid, const py::object& group, const Date& change, double confidence) {
        std::size_t index = 0;
        if (py::isinstance<py::int_>(group)) {
          index = group.cast<std::size_t>();
        } else {
          std::vector<std::string> key;
          if (py::isinstance<py::str>(group)) key.push_back(group.cast<std::string>());
          else key = strings(group);
          auto found = grid.find_group(key);
          if (!found) throw NotFoundError("no group " + std::string(py::str(group)) + " in the grid");
          index = *found;
        }
        return compare_before_after(grid, index, to_day_number(change), confidence);
      },
      py::arg("grid"), py::arg("group"), py::arg("change"), py::kw_only(),
      py::arg("confidence") = 0.95,
      "Compares one group's rate before and after `change` (the period containing it is left "
      "out). `group` is an index, a key text or a list of key texts.");

  py::class_<ProportionComparison>(module, "ProportionComparison",
                                   "Two proportions and their difference (after - before).")
      .def_readonly("before_successes", &ProportionComparison::before_successes)
      .def_readonly("before_trials", &ProportionComparison::before_trials)
      .def_readonly("after_successes", &ProportionComparison::after_successes)
      .def_readonly("after_trials", &ProportionComparison::after_trials)
      .def_readonly("before_proportion", &ProportionComparison::before_proportion)
      .def_readonly("after_proportion", &ProportionComparison::after_proportion)
      .def_readonly("difference", &ProportionComparison::difference)
      .def_readonly("ci_lower", &ProportionComparison::ci_lower)
      .def_readonly("ci_upper", &ProportionComparison::ci_upper)
      .def_readonly("confidence", &ProportionComparison::confidence)
      .def("__repr__", [](const ProportionComparison& r) {
        return "ProportionComparison(difference=" + number(r.difference) + ", ci=(" +
               number(r.ci_lower) + ", " + number(r.ci_upper) + "))";
      });
  module.def("compare_proportions", &compare_proportions, py::arg("before_successes"),
             py::arg("before_trials"), py::arg("after_successes"), py::arg("after_trials"),
             py::kw_only(), py::arg("confidence") = 0.95,
             "Difference after - before of two proportions, Newcombe (method 10) interval.");

  py::class_<Funnel>(module, "_Funnel", "Funnel plot columns.")
      .def_readonly("labels", &Funnel::labels)
      .def_property_readonly("counts", column_of(&Funnel::counts))
      .def_property_readonly("exposure", column_of(&Funnel::exposure))
      .def_property_readonly("rate", column_of(&Funnel::rate))
      .def_property_readonly("lower_95", column_of(&Funnel::lower_95))
      .def_property_readonly("upper_95", column_of(&Funnel::upper_95))
      .def_property_readonly("lower_998", column_of(&Funnel::lower_998))
      .def_property_readonly("upper_998", column_of(&Funnel::upper_998))
      .def_property_readonly("flag_95", column_of(&Funnel::flag_95))
      .def_property_readonly("flag_998", column_of(&Funnel::flag_998))
      .def_readonly("target", &Funnel::target)
      .def_readonly("per", &Funnel::per);

  module.def(
      "_funnel",
      [](std::vector<std::string> labels, const py::handle& counts, const py::handle& exposure,
         double per, std::optional<double> target) {
        auto count_array = column<std::int64_t>(counts, "counts");
        auto exposure_array =
            py::array_t<double, py::array::c_style | py::array::forcecast>::ensure(exposure);
        if (!exposure_array) throw InputError("exposures are not numeric");
        return funnel(std::move(labels), span_of(count_array), span_of(exposure_array), per,
                      target);
      },
      py::arg("labels"), py::arg("counts"), py::arg("exposure"), py::arg("per") = 1000.0,
      py::arg("target") = py::none());
  module.def("_funnel_from_grid",
             [](const Grid& grid, std::optional<double> target) { return funnel(grid, target); },
             py::arg("grid"), py::arg("target") = py::none());
  module.def(
      "funnel_limits",
      [](double target, const py::handle& exposure, double coverage, double per) {
        auto exposure_array =
            py::array_t<double, py::array::c_style | py::array::forcecast>::ensure(exposure);
        if (!exposure_array) throw InputError("exposures are not numeric");
        py::array_t<double> lower(exposure_array.size());
        py::array_t<double> upper(exposure_array.size());
        for (py::ssize_t i = 0; i < exposure_array.size(); ++i) {
          const Interval limits = funnel_limits(target, exposure_array.data()[i], coverage, per);
          lower.mutable_data()[i] = limits.lower;
          upper.mutable_data()[i] = limits.upper;
        }
        return py::make_tuple(lower, upper);
      },
      py::arg("target"), py::arg("exposure"), py::arg("coverage"), py::arg("per") = 1000.0,
      "Lower and upper exact-Poisson funnel limits (rates x per) at each exposure.");

  py::class_<TrendResult>(module, "_TrendResult", "The trend job's columns (see closeloop.trends).")
      .def_property_readonly("chart", [](const TrendResult& r) { return std::string(to_string(r.chart)); })
      .def_property_readonly("period", [](const TrendResult& r) { return std::string(to_string(r.period)); })
      .def_readonly("per", &TrendResult::per)
      .def_property_readonly("by", [](const TrendResult& r) {
        std::vector<std::string> out;
        for (auto key : r.by) out.emplace_back(to_string(key));
        return out;
      })
      .def_property_readonly("rules", [](const TrendResult& r) {
        std::vector<std::string> out;
        for (std::size_t i = 0; i < rule_count; ++i) {
          if (r.rules.enabled[i]) out.emplace_back(to_string(static_cast<Rule>(i)));
        }
        return out;
      })
      .def_property_readonly("period_starts", [](const TrendResult& r) { return as_datetime64(r.period_starts); })
      .def_readonly("series_keys", &TrendResult::series_keys)
      .def_readonly("series_measure", &TrendResult::series_measure)
      .def_property_readonly("variation", [](const TrendResult& r) {
        std::vector<std::string> out;
        for (auto v : r.variation) out.emplace_back(to_string(v));
        return out;
      })
      .def("label", &TrendResult::label, py::arg("series"))
      .def("find", [](const TrendResult& r, const std::vector<std::string>& keys) {
        return r.find(keys);
      }, py::arg("keys"),
           "The index of the series with these key texts, or None.")
      .def("chart_of", [](const TrendResult& r, std::size_t series) {
        return std::make_shared<Chart>(r.chart_of(series));
      }, py::arg("series"), "One series as a whole closeloop.spc chart (the trend job's options).")
      .def("__len__", &TrendResult::size)
      .def_property_readonly("series_count", &TrendResult::series_count)
      .def_property_readonly("series", column_of(&TrendResult::series))
      .def_property_readonly("period_start", [](const TrendResult& r) { return as_datetime64(r.period_start); })
      .def_property_readonly("count", column_of(&TrendResult::count))
      .def_property_readonly("exposure", column_of(&TrendResult::exposure))
      .def_property_readonly("rate", column_of(&TrendResult::rate))
      .def_property_readonly("value", column_of(&TrendResult::value))
      .def_property_readonly("centre", column_of(&TrendResult::centre))
      .def_property_readonly("lcl", column_of(&TrendResult::lcl))
      .def_property_readonly("ucl", column_of(&TrendResult::ucl))
      .def_property_readonly("phase", column_of(&TrendResult::phase))
      .def_property_readonly("point_type_codes", [](py::object self) {
        const auto& r = self.cast<const TrendResult&>();
        return view(std::span<const std::uint8_t>(
                        reinterpret_cast<const std::uint8_t*>(r.point_type.data()), r.point_type.size()),
                    self);
      }, "Point types as codes into point_type_words (uint8, a view).")
      .def_property_readonly_static("point_type_words", [](const py::object&) { return word_list<PointType>(); })
      .def_property_readonly("special_cause_codes", [](py::object self) {
        const auto& r = self.cast<const TrendResult&>();
        return view(std::span<const std::uint8_t>(
                        reinterpret_cast<const std::uint8_t*>(r.special_cause.data()),
                        r.special_cause.size()),
                    self);
      }, "Special-cause types as codes into special_cause_words (uint8, a view).")
      .def_property_readonly_static("special_cause_words", [](const py::object&) { return word_list<SpecialCause>(); })
      .def_property_readonly("point_type", [](const TrendResult& r) {
        py::list out;
        for (auto t : r.point_type) out.append(py::str(std::string(to_string(t))));
        return out;
      })
      .def_property_readonly("special_cause", [](const TrendResult& r) {
        py::list out;
        for (auto t : r.special_cause) out.append(py::str(std::string(to_string(t))));
        return out;
      })
      .def_property_readonly("signals", [](py::object self) {
        const auto& r = self.cast<const TrendResult&>();
        py::dict out;
        for (std::size_t i = 0; i < rule_count; ++i) {
          if (!r.rules.enabled[i]) continue;
          out[py::str(std::string(to_string(static_cast<Rule>(i))))] =
              view(std::span<const std::uint8_t>(r.flags[i]), self).attr("view")("bool");
        }
        return out;
      });

  module.def(
      "_trends",
      [](const IncidentTable& incidents, const ExposureTable& exposure, const py::object& by,
         const std::string& period, const py::object& measure, double per,
         const std::string& chart, const py::object& rules,
         const std::optional<std::string>& improvement, const ServiceTable* services,
         const std::optional<Date>& start, const std::optional<Date>& end,
         const std::vector<std::string>& categories, const std::vector<Date>& rebase,
         std::optional<std::size_t> baseline) {
        TrendOptions options;
        options.by = keys_of(by);
        options.period = parse_period_kind(period);
        options.per = per;
        if (start) options.first = to_day_number(*start);
        if (end) options.last = to_day_number(*end);
        options.categories = categories;
        set_chart_options(options, measure, chart, rules, improvement, rebase, baseline);
        py::gil_scoped_release release;
        return trends(incidents, exposure, options, services);
      },
      py::arg("incidents"), py::arg("exposure"), py::arg("by"), py::arg("period"),
      py::arg("measure"), py::arg("per"), py::arg("chart"), py::arg("rules"),
      py::arg("improvement"), py::arg("services"), py::arg("start"), py::arg("end"),
      py::arg("categories"), py::arg("rebase"), py::arg("baseline"));
  module.def(
      "_trends_of_grid",
      [](const Grid& grid, const py::object& measure, const std::string& chart,
         const py::object& rules, const std::optional<std::string>& improvement,
         const std::vector<Date>& rebase, std::optional<std::size_t> baseline) {
        TrendOptions options;
        set_chart_options(options, measure, chart, rules, improvement, rebase, baseline);
        py::gil_scoped_release release;
        return trends(grid, options);
      },
      py::arg("grid"), py::arg("measure"), py::arg("chart"), py::arg("rules"),
      py::arg("improvement"), py::arg("rebase"), py::arg("baseline"));

  // The special functions, for tests against scipy and for analysts.
  module.def("incomplete_beta", &incomplete_beta, py::arg("a"), py::arg("b"), py::arg("x"));
  module.def("beta_quantile", &beta_quantile, py::arg("p"), py::arg("a"), py::arg("b"));
  module.def("incomplete_gamma_p", &incomplete_gamma_p, py::arg("a"), py::arg("x"));
  module.def("incomplete_gamma_q", &incomplete_gamma_q, py::arg("a"), py::arg("x"));
  module.def("gamma_quantile", &gamma_quantile, py::arg("p"), py::arg("shape"));
  module.def("chi_square_quantile", &chi_square_quantile, py::arg("p"), py::arg("df"));
  module.def("normal_quantile", &normal_quantile, py::arg("p"));
  module.def("binomial_test_two_sided", &binomial_test_two_sided, py::arg("k"), py::arg("n"),
             py::arg("p"));
  module.def("clopper_pearson", [](std::int64_t k, std::int64_t n, double confidence) {
    const Interval i = clopper_pearson(k, n, confidence);
    return py::make_tuple(i.lower, i.upper);
  }, py::arg("k"), py::arg("n"), py::arg("confidence") = 0.95);
  module.def("wilson", [](std::int64_t x, std::int64_t n, double confidence) {
    const Interval i = wilson(x, n, confidence);
    return py::make_tuple(i.lower, i.upper);
  }, py::arg("x"), py::arg("n"), py::arg("confidence") = 0.95);
  module.def(
      "_split_datetime",
      [](const py::handle& values, const char* name, bool allow_missing) {
        py::object minutes = py::none();
        auto days = day_column(values, name, allow_missing, &minutes);
        return py::make_tuple(days, minutes);
      },
      py::arg("values"), py::arg("name"), py::arg("allow_missing") = false,
      "Day numbers (floored) and minutes of the day (None when every value is at midnight) "
      "of a datetime64 array, in one pass.");
  module.def("_parse_day_minutes", [](const py::handle& texts, const char* name, bool allow_empty) {
    std::vector<std::int32_t> days;
    std::vector<std::int16_t> minutes;
    std::size_t row = 0;
    for (py::handle value : texts) {
      if (allow_empty && (value.is_none() || (py::isinstance<py::str>(value) && value.cast<std::string_view>().empty()))) {
        days.push_back(kMissingDay);
        minutes.push_back(-1);
        ++row;
        continue;
      }
      if (!py::isinstance<py::str>(value)) {
        throw InputError(std::string("column ") + name + " row " + std::to_string(row) +
                         ": expected a date string, got " + std::string(py::str(py::repr(value))));
      }
      DayNumber day = 0;
      int minute = -1;
      const auto text = value.cast<std::string_view>();
      if (!try_parse_day_minute(text, day, minute)) {
        throw InputError(std::string("column ") + name + " row " + std::to_string(row) + ": " +
                         invalid_date_message(text));
      }
      days.push_back(day);
      minutes.push_back(static_cast<std::int16_t>(minute));
      ++row;
    }
    return py::make_tuple(py::array_t<std::int32_t>(static_cast<py::ssize_t>(days.size()), days.data()),
                          py::array_t<std::int16_t>(static_cast<py::ssize_t>(minutes.size()), minutes.data()));
  }, py::arg("texts"), py::arg("name"), py::arg("allow_empty") = false);
}

}  // namespace closeloop::python::metrics_bindings
