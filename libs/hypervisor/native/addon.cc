// tinystack-virt: the small N-API addon beside @unraid/libvirt (see connection.h).
#include <napi.h>

#include "connection.h"

Napi::Object InitAddon(Napi::Env env, Napi::Object exports) {
  return VirtConnection::Init(env, exports);
}

NODE_API_MODULE(tinystack_virt, InitAddon)
