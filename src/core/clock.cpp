#include "closeloop/core/clock.hpp"

#include <boost/date_time/posix_time/posix_time.hpp>

namespace closeloop {

Instant SystemClock::now() const { return boost::posix_time::second_clock::universal_time(); }

}  // namespace closeloop
