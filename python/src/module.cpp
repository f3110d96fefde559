// closeloop._core: only declares the module and calls each area's register
// function; the bindings of an area live in register_<area>.cpp.
#include "closeloop_python.hpp"

PYBIND11_MODULE(_core, module) {
  module.doc() = "closeloop's compiled core. Use the closeloop package, not this module.";
  module.attr("__version__") = CLOSELOOP_VERSION_TEXT;
  closeloop::python::register_errors(module);
  closeloop::python::register_core(module);
  closeloop::python::register_spc(module);
  closeloop::python::register_metrics(module);
  closeloop::python::register_measures(module);
  closeloop::python::register_lifecycle(module);
  closeloop::python::register_store(module);
  closeloop::python::register_report(module);
  closeloop::python::register_seed(module);
}
