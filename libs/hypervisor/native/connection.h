// VirtConnection: the libvirt calls @unraid/libvirt does not offer (reboot, reset,
// managed save, undefine with flags, state with reason, capabilities) and domain events,
// on a connection of its own.
#ifndef TINYSTACK_CONNECTION_H_
#define TINYSTACK_CONNECTION_H_

#include <libvirt/libvirt.h>
#include <napi.h>

#include <mutex>
#include <string>
#include <vector>

struct VirEvent {
  enum Kind { LIFECYCLE = 0, REBOOT = 1, CLOSED = 2 } kind;
  std::string uuid;
  std::string name;
  int event = 0;
  int detail = 0;
};

class VirtConnection : public Napi::ObjectWrap<VirtConnection> {
 public:
  static Napi::Object Init(Napi::Env env, Napi::Object exports);
  explicit VirtConnection(const Napi::CallbackInfo& info);
  ~VirtConnection() override;

  // Called from libvirt's event-loop thread.
  void Emit(VirEvent* ev);

 private:
  Napi::Value Open(const Napi::CallbackInfo& info);
  Napi::Value Close(const Napi::CallbackInfo& info);
  Napi::Value IsAlive(const Napi::CallbackInfo& info);
  Napi::Value GetCapabilities(const Napi::CallbackInfo& info);
  Napi::Value GetVersions(const Napi::CallbackInfo& info);
  Napi::Value DomainState(const Napi::CallbackInfo& info);
  Napi::Value DomainReboot(const Napi::CallbackInfo& info);
  Napi::Value DomainReset(const Napi::CallbackInfo& info);
  Napi::Value DomainManagedSave(const Napi::CallbackInfo& info);
  Napi::Value DomainHasManagedSave(const Napi::CallbackInfo& info);
  Napi::Value DomainManagedSaveRemove(const Napi::CallbackInfo& info);
  Napi::Value DomainUndefine(const Napi::CallbackInfo& info);
  Napi::Value DomainDestroy(const Napi::CallbackInfo& info);
  Napi::Value WatchEvents(const Napi::CallbackInfo& info);
  Napi::Value UnwatchEvents(const Napi::CallbackInfo& info);

  Napi::Value DomainCall(const Napi::CallbackInfo& info, int (*call)(virDomainPtr, unsigned int));
  void StopEvents();

  std::string uri_;
  virConnectPtr conn_ = nullptr;
  std::mutex mu_;  // guards tsfn_ and watching_ against the event-loop thread
  Napi::ThreadSafeFunction tsfn_;
  bool watching_ = false;
  std::vector<int> callbackIds_;
  bool closeCallback_ = false;
};

#endif  // TINYSTACK_CONNECTION_H_
