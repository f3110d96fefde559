#pragma once
// Dates cross into Python as datetime.date / datetime.datetime. From Python
// they accept datetime.date, datetime.datetime (date part), ISO strings and
// numpy.datetime64. pybind11/chrono.h is not used: it converts through local
// time, which would shift dates.

#include <Python.h>
#include <datetime.h>
#include <pybind11/pybind11.h>

#include <string>

#include "closeloop/core/date.hpp"
#include "closeloop/core/error.hpp"

namespace closeloop::python::detail {

inline void ensure_datetime_api() {
  if (PyDateTimeAPI == nullptr) {
    PyDateTime_IMPORT;
  }
}

/// A timezone-aware datetime converted to UTC (docs/python.md: aware
/// datetimes are converted, never cut off); any other object unchanged.
inline pybind11::object in_utc(pybind11::handle source) {
  namespace py = pybind11;
  ensure_datetime_api();
  if (PyDateTime_Check(source.ptr()) && !source.attr("tzinfo").is_none() &&
      !source.attr("utcoffset")().is_none()) {
    const py::object utc = py::module_::import("datetime").attr("timezone").attr("utc");
    return source.attr("astimezone")(utc);
  }
  return py::reinterpret_borrow<py::object>(source);
}

/// Converts a Python object to a date, or returns false if it is not a
/// date-like object. Strings and datetime64 values that are date-like but
/// invalid raise closeloop's InputError.
inline bool load_date(pybind11::handle source, Date& out) {
  namespace py = pybind11;
  ensure_datetime_api();
  PyObject* object = source.ptr();
  if (object == nullptr || object == Py_None) return false;
  if (PyDate_Check(object)) {
    const py::object utc = in_utc(source);
    object = utc.ptr();
    out = make_date(PyDateTime_GET_YEAR(object), PyDateTime_GET_MONTH(object),
                    PyDateTime_GET_DAY(object));
    return true;
  }
  if (PyUnicode_Check(object)) {
    out = parse_date(py::cast<std::string>(source));
    return true;
  }
  // numpy.datetime64 (scalar) and pandas.Timestamp: go through their ISO text.
  const py::object numpy_type = py::module_::import("numpy").attr("datetime64");
  if (py::isinstance(source, numpy_type)) {
    const py::object as_day = source.attr("astype")("datetime64[D]");
    const std::string text = py::str(as_day);
    if (text == "NaT") throw InputError("date is NaT (missing)");
    out = parse_date(text);
    return true;
  }
  return false;
}

}  // namespace closeloop::python::detail

namespace pybind11::detail {

template <>
struct type_caster<boost::gregorian::date> {
 public:
  PYBIND11_TYPE_CASTER(boost::gregorian::date, const_name("datetime.date"));

  bool load(handle source, bool /*convert*/) {
    return closeloop::python::detail::load_date(source, value);
  }

  static handle cast(const boost::gregorian::date& date, return_value_policy /*policy*/,
                     handle /*parent*/) {
    closeloop::python::detail::ensure_datetime_api();
    if (date.is_special()) return none().release();
    const auto ymd = date.year_month_day();
    return PyDate_FromDate(ymd.year, ymd.month, ymd.day);
  }
};

template <>
struct type_caster<boost::posix_time::ptime> {
 public:
  PYBIND11_TYPE_CASTER(boost::posix_time::ptime, const_name("datetime.datetime"));

  bool load(handle source, bool /*convert*/) {
    closeloop::python::detail::ensure_datetime_api();
    PyObject* object = source.ptr();
    if (object == nullptr || object == Py_None) return false;
    if (PyDateTime_Check(object)) {
      const pybind11::object utc = closeloop::python::detail::in_utc(source);
      object = utc.ptr();
      const auto date = closeloop::make_date(PyDateTime_GET_YEAR(object),
                                             PyDateTime_GET_MONTH(object),
                                             PyDateTime_GET_DAY(object));
      value = boost::posix_time::ptime(
          date, boost::posix_time::time_duration(PyDateTime_DATE_GET_HOUR(object),
                                                 PyDateTime_DATE_GET_MINUTE(object),
                                                 PyDateTime_DATE_GET_SECOND(object)));
      return true;
    }
    if (PyUnicode_Check(object)) {
      value = closeloop::parse_instant(pybind11::cast<std::string>(source));
      return true;
    }
    boost::gregorian::date date;
    if (closeloop::python::detail::load_date(source, date)) {
      value = closeloop::start_of(date);
      return true;
    }
    return false;
  }

  static handle cast(const boost::posix_time::ptime& instant, return_value_policy /*policy*/,
                     handle /*parent*/) {
    closeloop::python::detail::ensure_datetime_api();
    if (instant.is_special()) return none().release();
    const auto ymd = instant.date().year_month_day();
    const auto time = instant.time_of_day();
    return PyDateTime_FromDateAndTime(ymd.year, ymd.month, ymd.day,
                                      static_cast<int>(time.hours()),
                                      static_cast<int>(time.minutes()),
                                      static_cast<int>(time.seconds()), 0);
  }
};

}  // namespace pybind11::detail
