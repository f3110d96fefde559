// The one place where C++ errors cross into Python. Every closeloop error
// becomes a Python class deriving from closeloop.Error and from the builtin a
// Python caller would expect, so either can be caught:
//
//   Error(Exception)
//   ├── InputError(Error, ValueError)      bad input
//   │   ├── ParseError                     .source, .line, .column
//   │   └── DuplicateError                 an id already taken
//   ├── NotFoundError(Error, KeyError)     unknown id
//   ├── RuleError(Error, ValueError)       a domain rule refused; .rule
//   │   └── TransitionError                a lifecycle guard refused; .rule
//   └── StoreError(Error, RuntimeError)    the durable store failed
//       └── SchemaError                    a store from a newer schema
//
// Boost.Date_Time's bad_year/bad_month/bad_day_of_month derive from
// std::out_of_range, which pybind11 would turn into IndexError: they become
// InputError here.

#include <stdexcept>
#include <string>

#include "closeloop_python.hpp"

namespace closeloop::python {

namespace {

struct PythonErrors {
  PyObject* error = nullptr;
  PyObject* input = nullptr;
  PyObject* parse = nullptr;
  PyObject* duplicate = nullptr;
  PyObject* not_found = nullptr;
  PyObject* rule = nullptr;
  PyObject* transition = nullptr;
  PyObject* store = nullptr;
  PyObject* schema = nullptr;
};

PythonErrors& errors() {
  static PythonErrors instance;
  return instance;
}

PyObject* make_class(py::module_& module, const char* name, const char* doc, py::tuple bases) {
  // KeyError quotes its message in str(); closeloop errors print it plainly.
  py::dict body;
  body["__str__"] = py::module_::import("builtins").attr("BaseException").attr("__str__");
  const std::string qualified = std::string("closeloop._core.") + name;
  PyObject* cls = PyErr_NewExceptionWithDoc(qualified.c_str(), doc, bases.ptr(), body.ptr());
  if (cls == nullptr) throw py::error_already_set();
  module.add_object(name, py::handle(cls));
  return cls;
}

void raise(PyObject* cls, const closeloop::Error& error) {
  PyObject* instance = PyObject_CallFunction(cls, "s", error.what());
  if (instance == nullptr) return;  // the call already set a Python error
  py::handle handle(instance);
  handle.attr("code") = py::str(std::string(to_string(error.code())));
  if (const auto* parse = dynamic_cast<const ParseError*>(&error)) {
    handle.attr("source") = parse->source();
    handle.attr("line") = parse->line();
    handle.attr("column") = parse->column();
  }
  if (const auto* rule = dynamic_cast<const RuleError*>(&error)) {
    handle.attr("rule") = rule->rule();
  }
  PyErr_SetObject(cls, instance);
  Py_DECREF(instance);
}

}  // namespace

void register_errors(py::module_& module) {
  PythonErrors& e = errors();
  const py::handle exception(PyExc_Exception);
  const py::handle value_error(PyExc_ValueError);
  const py::handle key_error(PyExc_KeyError);
  const py::handle runtime_error(PyExc_RuntimeError);

  e.error = make_class(module, "Error", "Base of every closeloop error.", py::make_tuple(exception));
  const py::handle error(e.error);
  e.input = make_class(module, "InputError", "A value passed in is malformed or out of range.",
                       py::make_tuple(error, value_error));
  e.parse = make_class(module, "ParseError",
                       "Input text could not be parsed; has source, line and column.",
                       py::make_tuple(py::handle(e.input)));
  e.duplicate = make_class(module, "DuplicateError", "An id is already taken.",
                           py::make_tuple(py::handle(e.input)));
  e.not_found = make_class(module, "NotFoundError", "An id names nothing that exists.",
                           py::make_tuple(error, key_error));
  e.rule = make_class(module, "RuleError", "A domain rule refused the call; has rule.",
                      py::make_tuple(error, value_error));
  e.transition = make_class(module, "TransitionError",
                            "A lifecycle transition was refused; rule names the guard.",
                            py::make_tuple(py::handle(e.rule)));
  e.store = make_class(module, "StoreError", "The durable store failed.",
                       py::make_tuple(error, runtime_error));
  e.schema = make_class(module, "SchemaError", "A store written by an unknown (newer) schema.",
                        py::make_tuple(py::handle(e.store)));

  py::register_exception_translator([](std::exception_ptr pointer) {
    if (!pointer) return;
    const PythonErrors& classes = errors();
    try {
      std::rethrow_exception(pointer);
    } catch (const ParseError& error) {
      raise(classes.parse, error);
    } catch (const DuplicateError& error) {
      raise(classes.duplicate, error);
    } catch (const InputError& error) {
      raise(classes.input, error);
    } catch (const NotFoundError& error) {
      raise(classes.not_found, error);
    } catch (const TransitionError& error) {
      raise(classes.transition, error);
    } catch (const RuleError& error) {
      raise(classes.rule, error);
    } catch (const SchemaError& error) {
      raise(classes.schema, error);
    } catch (const StoreError& error) {
      raise(classes.store, error);
    } catch (const closeloop::Error& error) {
      raise(classes.error, error);
    } catch (const std::out_of_range& error) {
      // Boost.Date_Time's range errors (and any other out-of-range value).
      raise(classes.input, InputError(error.what()));
    }
  });
}

}  // namespace closeloop::python
