#ifndef GRADER_FUZZ_DRIVER_H
#define GRADER_FUZZ_DRIVER_H
#include <stddef.h>
#include <stdint.h>

/* SwiftPM links a debug executable's entry point as TARGET_main, which stops
   libFuzzer's own main from being used; each target's TARGET_main calls this,
   which hands control to libFuzzer's driver with the target's callback. */
int grader_fuzz_run(int argc, char **argv, int (*callback)(const uint8_t *data, size_t size));
#endif
