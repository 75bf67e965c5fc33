#include "connection.h"

#include <libvirt/virterror.h>

#include <mutex>
#include <thread>

#include "vir_worker.h"

namespace {

// libvirt's default event loop, run by one thread for the whole process. It must be
// registered before a connection opens for that connection to deliver events.
void EnsureEventLoop() {
  static std::once_flag once;
  std::call_once(once, [] {
    virEventRegisterDefaultImpl();
    std::thread([] {
      for (;;) {
        virEventRunDefaultImpl();
      }
    }).detach();
  });
}

void SilentErrors(void*, virErrorPtr) {}

std::string UuidArg(const Napi::CallbackInfo& info) {
  if (info.Length() < 1 || !info[0].IsString()) {
    throw Napi::TypeError::New(info.Env(), "expected a domain UUID string");
  }
  return info[0].As<Napi::String>().Utf8Value();
}

unsigned int FlagsArg(const Napi::CallbackInfo& info, size_t index) {
  return info.Length() > index && info[index].IsNumber() ? info[index].As<Napi::Number>().Uint32Value() : 0;
}

// Looks the domain up by UUID and runs `fn` on it; false (with libvirt's error set) on failure.
template <typename F>
bool WithDomain(virConnectPtr conn, const std::string& uuid, F fn) {
  if (conn == nullptr) {
    return false;  // VirWorker reports "libvirt connection is not open"
  }
  virDomainPtr dom = virDomainLookupByUUIDString(conn, uuid.c_str());
  if (dom == nullptr) {
    return false;
  }
  bool ok = fn(dom);
  if (!ok) {
    SaveLastError();
  }
  virDomainFree(dom);
  return ok;
}

void EmitDomainEvent(virDomainPtr dom, VirEvent::Kind kind, int event, int detail, void* opaque) {
  char uuid[VIR_UUID_STRING_BUFLEN];
  auto* ev = new VirEvent{kind, "", "", event, detail};
  if (virDomainGetUUIDString(dom, uuid) == 0) {
    ev->uuid = uuid;
  }
  const char* name = virDomainGetName(dom);
  ev->name = name ? name : "";
  static_cast<VirtConnection*>(opaque)->Emit(ev);
}

int OnLifecycle(virConnectPtr, virDomainPtr dom, int event, int detail, void* opaque) {
  EmitDomainEvent(dom, VirEvent::LIFECYCLE, event, detail, opaque);
  return 0;
}

void OnReboot(virConnectPtr, virDomainPtr dom, void* opaque) {
  EmitDomainEvent(dom, VirEvent::REBOOT, 0, 0, opaque);
}

void OnClose(virConnectPtr, int reason, void* opaque) {
  static_cast<VirtConnection*>(opaque)->Emit(new VirEvent{VirEvent::CLOSED, "", "", reason, 0});
}

void CallJs(Napi::Env env, Napi::Function fn, VirEvent* ev) {
  if (env != nullptr && fn != nullptr) {
    Napi::Object o = Napi::Object::New(env);
    const char* kinds[] = {"lifecycle", "reboot", "closed"};
    o.Set("kind", kinds[ev->kind]);
    o.Set("uuid", ev->uuid);
    o.Set("name", ev->name);
    o.Set("event", ev->event);
    o.Set("detail", ev->detail);
    fn.Call({o});
  }
  delete ev;
}

}  // namespace

Napi::Object VirtConnection::Init(Napi::Env env, Napi::Object exports) {
  Napi::Function cls = DefineClass(
      env, "VirtConnection",
      {
          InstanceMethod("open", &VirtConnection::Open),
          InstanceMethod("close", &VirtConnection::Close),
          InstanceMethod("isAlive", &VirtConnection::IsAlive),
          InstanceMethod("getCapabilities", &VirtConnection::GetCapabilities),
          InstanceMethod("getVersions", &VirtConnection::GetVersions),
          InstanceMethod("domainState", &VirtConnection::DomainState),
          InstanceMethod("domainReboot", &VirtConnection::DomainReboot),
          InstanceMethod("domainReset", &VirtConnection::DomainReset),
          InstanceMethod("domainManagedSave", &VirtConnection::DomainManagedSave),
          InstanceMethod("domainHasManagedSave", &VirtConnection::DomainHasManagedSave),
          InstanceMethod("domainManagedSaveRemove", &VirtConnection::DomainManagedSaveRemove),
          InstanceMethod("domainUndefine", &VirtConnection::DomainUndefine),
          InstanceMethod("domainDestroy", &VirtConnection::DomainDestroy),
          InstanceMethod("watchEvents", &VirtConnection::WatchEvents),
          InstanceMethod("unwatchEvents", &VirtConnection::UnwatchEvents),
      });
  exports.Set("VirtConnection", cls);
  exports.Set("libvirtVersion", Napi::Number::New(env, LIBVIR_VERSION_NUMBER));
  return exports;
}

VirtConnection::VirtConnection(const Napi::CallbackInfo& info) : Napi::ObjectWrap<VirtConnection>(info) {
  if (info.Length() < 1 || !info[0].IsString()) {
    Napi::TypeError::New(info.Env(), "expected a libvirt URI").ThrowAsJavaScriptException();
    return;
  }
  uri_ = info[0].As<Napi::String>().Utf8Value();
}

VirtConnection::~VirtConnection() {
  StopEvents();
  if (conn_ != nullptr) {
    virConnectClose(conn_);
  }
}

void VirtConnection::Emit(VirEvent* ev) {
  std::lock_guard<std::mutex> lock(mu_);
  if (!watching_ || tsfn_.NonBlockingCall(ev, CallJs) != napi_ok) {
    delete ev;
  }
}

Napi::Value VirtConnection::Open(const Napi::CallbackInfo& info) {
  auto* w = new VirWorker(info.Env(), info.This().As<Napi::Object>(), [this](VirResult&) {
    EnsureEventLoop();
    virSetErrorFunc(nullptr, SilentErrors);
    if (conn_ != nullptr) {
      return true;
    }
    conn_ = virConnectOpen(uri_.c_str());
    if (conn_ == nullptr) {
      return false;
    }
    // Notice a dead libvirtd within ~15 s; drivers without keepalive (test:///) say no.
    if (virConnectSetKeepAlive(conn_, 5, 3) < 0) {
      virResetLastError();
    }
    return true;
  }, nullptr);
  w->Queue();
  return w->Promise();
}

Napi::Value VirtConnection::Close(const Napi::CallbackInfo& info) {
  StopEvents();
  virConnectPtr conn = conn_;
  conn_ = nullptr;
  auto* w = new VirWorker(info.Env(), info.This().As<Napi::Object>(), [conn](VirResult&) {
    if (conn != nullptr) {
      virConnectClose(conn);
    }
    return true;
  }, nullptr);
  w->Queue();
  return w->Promise();
}

Napi::Value VirtConnection::IsAlive(const Napi::CallbackInfo& info) {
  return Napi::Boolean::New(info.Env(), conn_ != nullptr && virConnectIsAlive(conn_) == 1);
}

Napi::Value VirtConnection::GetCapabilities(const Napi::CallbackInfo& info) {
  virConnectPtr conn = conn_;
  auto* w = new VirWorker(
      info.Env(), info.This().As<Napi::Object>(),
      [conn](VirResult& r) {
        char* xml = conn ? virConnectGetCapabilities(conn) : nullptr;
        if (xml == nullptr) {
          return false;
        }
        r.text = xml;
        free(xml);
        return true;
      },
      [](Napi::Env env, const VirResult& r) { return Napi::String::New(env, r.text); });
  w->Queue();
  return w->Promise();
}

// { hypervisor, libvirt }: version numbers as major * 1,000,000 + minor * 1,000 + release.
Napi::Value VirtConnection::GetVersions(const Napi::CallbackInfo& info) {
  virConnectPtr conn = conn_;
  auto* w = new VirWorker(
      info.Env(), info.This().As<Napi::Object>(),
      [conn](VirResult& r) {
        unsigned long hv = 0;
        unsigned long lib = 0;
        if (conn == nullptr || virConnectGetVersion(conn, &hv) < 0 || virConnectGetLibVersion(conn, &lib) < 0) {
          return false;
        }
        r.a = static_cast<int>(hv);
        r.b = static_cast<int>(lib);
        return true;
      },
      [](Napi::Env env, const VirResult& r) -> Napi::Value {
        Napi::Object o = Napi::Object::New(env);
        o.Set("hypervisor", r.a);
        o.Set("libvirt", r.b);
        return o;
      });
  w->Queue();
  return w->Promise();
}

Napi::Value VirtConnection::DomainState(const Napi::CallbackInfo& info) {
  std::string uuid = UuidArg(info);
  virConnectPtr conn = conn_;
  auto* w = new VirWorker(
      info.Env(), info.This().As<Napi::Object>(),
      [conn, uuid](VirResult& r) {
        bool ok = WithDomain(conn, uuid, [&r](virDomainPtr d) { return virDomainGetState(d, &r.a, &r.b, 0) == 0; });
        if (!ok) {
          virErrorPtr err = savedError != nullptr ? savedError : virGetLastError();
          if (err != nullptr && err->code == VIR_ERR_NO_DOMAIN) {
            r.isNull = true;
            return true;
          }
        }
        return ok;
      },
      [](Napi::Env env, const VirResult& r) -> Napi::Value {
        if (r.isNull) {
          return env.Null();
        }
        Napi::Object o = Napi::Object::New(env);
        o.Set("state", r.a);
        o.Set("reason", r.b);
        return o;
      });
  w->Queue();
  return w->Promise();
}

Napi::Value VirtConnection::DomainCall(const Napi::CallbackInfo& info, int (*call)(virDomainPtr, unsigned int)) {
  std::string uuid = UuidArg(info);
  unsigned int flags = FlagsArg(info, 1);
  virConnectPtr conn = conn_;
  auto* w = new VirWorker(
      info.Env(), info.This().As<Napi::Object>(),
      [conn, uuid, flags, call](VirResult&) {
        return WithDomain(conn, uuid, [flags, call](virDomainPtr d) { return call(d, flags) == 0; });
      },
      nullptr);
  w->Queue();
  return w->Promise();
}

Napi::Value VirtConnection::DomainReboot(const Napi::CallbackInfo& info) {
  return DomainCall(info, virDomainReboot);
}

Napi::Value VirtConnection::DomainReset(const Napi::CallbackInfo& info) {
  return DomainCall(info, virDomainReset);
}

Napi::Value VirtConnection::DomainManagedSave(const Napi::CallbackInfo& info) {
  return DomainCall(info, virDomainManagedSave);
}

Napi::Value VirtConnection::DomainManagedSaveRemove(const Napi::CallbackInfo& info) {
  return DomainCall(info, virDomainManagedSaveRemove);
}

Napi::Value VirtConnection::DomainUndefine(const Napi::CallbackInfo& info) {
  return DomainCall(info, virDomainUndefineFlags);
}

Napi::Value VirtConnection::DomainDestroy(const Napi::CallbackInfo& info) {
  return DomainCall(info, virDomainDestroyFlags);
}

Napi::Value VirtConnection::DomainHasManagedSave(const Napi::CallbackInfo& info) {
  std::string uuid = UuidArg(info);
  virConnectPtr conn = conn_;
  auto* w = new VirWorker(
      info.Env(), info.This().As<Napi::Object>(),
      [conn, uuid](VirResult& r) {
        return WithDomain(conn, uuid, [&r](virDomainPtr d) {
          r.a = virDomainHasManagedSaveImage(d, 0);
          return r.a >= 0;
        });
      },
      [](Napi::Env env, const VirResult& r) { return Napi::Boolean::New(env, r.a == 1); });
  w->Queue();
  return w->Promise();
}

// watchEvents(callback): lifecycle and reboot events of every domain, and the
// connection's close, delivered to `callback` on the JS thread. Synchronous: the
// registration is one round trip to libvirtd.
Napi::Value VirtConnection::WatchEvents(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 1 || !info[0].IsFunction()) {
    throw Napi::TypeError::New(env, "expected a callback");
  }
  if (conn_ == nullptr) {
    throw Napi::Error::New(env, "connection is not open");
  }
  StopEvents();
  {
    std::lock_guard<std::mutex> lock(mu_);
    tsfn_ = Napi::ThreadSafeFunction::New(env, info[0].As<Napi::Function>(), "tinystack-virt-events", 0, 1);
    tsfn_.Unref(env);  // events alone never keep the process alive
    watching_ = true;
  }
  int id = virConnectDomainEventRegisterAny(conn_, nullptr, VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                            VIR_DOMAIN_EVENT_CALLBACK(OnLifecycle), this, nullptr);
  if (id >= 0) {
    callbackIds_.push_back(id);
  }
  id = virConnectDomainEventRegisterAny(conn_, nullptr, VIR_DOMAIN_EVENT_ID_REBOOT,
                                        VIR_DOMAIN_EVENT_CALLBACK(OnReboot), this, nullptr);
  if (id >= 0) {
    callbackIds_.push_back(id);
  }
  closeCallback_ = virConnectRegisterCloseCallback(conn_, OnClose, this, nullptr) == 0;
  virResetLastError();
  return Napi::Boolean::New(env, !callbackIds_.empty());
}

Napi::Value VirtConnection::UnwatchEvents(const Napi::CallbackInfo& info) {
  StopEvents();
  return info.Env().Undefined();
}

void VirtConnection::StopEvents() {
  if (conn_ != nullptr) {
    for (int id : callbackIds_) {
      virConnectDomainEventDeregisterAny(conn_, id);
    }
    if (closeCallback_) {
      virConnectUnregisterCloseCallback(conn_, OnClose);
    }
    virResetLastError();
  }
  callbackIds_.clear();
  closeCallback_ = false;
  std::lock_guard<std::mutex> lock(mu_);
  if (watching_) {
    watching_ = false;
    tsfn_.Release();
  }
}
