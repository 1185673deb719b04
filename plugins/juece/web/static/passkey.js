// Passkeys for the expert's signature (R-C1): registers one (navigator.credentials.create) or
// signs the opinion's digest (navigator.credentials.get) with the options the page carries, puts
// the authenticator's answer, base64url, in the form's hidden field and submits the form (with
// its CSRF token). The server checks everything again; this script only carries bytes.
(function () {
  "use strict";
  var form = document.querySelector("form[data-passkey]");
  if (!form) { return; }
  var button = form.querySelector("[data-passkey-start]");
  var status = document.getElementById("passkey-status");
  var mode = form.getAttribute("data-passkey");

  function say(zh, en) {
    status.textContent = zh + " ";
    var english = document.createElement("span");
    english.lang = "en";
    english.textContent = en;
    status.appendChild(english);
  }
  function toBytes(text) {
    var b64 = text.replace(/-/g, "+").replace(/_/g, "/");
    var raw = atob(b64 + "===".slice((b64.length + 3) % 4));
    var out = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i += 1) { out[i] = raw.charCodeAt(i); }
    return out.buffer;
  }
  function toText(buffer) {
    var bytes = new Uint8Array(buffer), raw = "";
    for (var i = 0; i < bytes.length; i += 1) { raw += String.fromCharCode(bytes[i]); }
    return btoa(raw).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }
  function creation(options) {
    options.challenge = toBytes(options.challenge);
    options.user.id = toBytes(options.user.id);
    (options.excludeCredentials || []).forEach(function (c) { c.id = toBytes(c.id); });
    return {publicKey: options};
  }
  function request(options) {
    options.challenge = toBytes(options.challenge);
    (options.allowCredentials || []).forEach(function (c) { c.id = toBytes(c.id); });
    return {publicKey: options};
  }
  function created(credential) {
    return {id: credential.id, rawId: toText(credential.rawId), type: credential.type,
            response: {clientDataJSON: toText(credential.response.clientDataJSON),
                       attestationObject: toText(credential.response.attestationObject),
                       transports: credential.response.getTransports ? credential.response.getTransports() : []},
            clientExtensionResults: {}, authenticatorAttachment: credential.authenticatorAttachment || undefined};
  }
  function asserted(credential) {
    return {credential_id: toText(credential.rawId),
            authenticator_data: toText(credential.response.authenticatorData),
            client_data_json: toText(credential.response.clientDataJSON),
            signature: toText(credential.response.signature)};
  }
  function start() {
    if (!window.PublicKeyCredential || !navigator.credentials) {
      say("此浏览器不支持通行密钥，请换用支持的浏览器（需 https 或本机地址）。",
          "This browser cannot use passkeys: use one that can (over https or on this machine).");
      return;
    }
    var options = JSON.parse(form.getAttribute("data-options"));
    button.disabled = true;
    say("请按设备提示确认……", "Confirm on your device…");
    var asking = mode === "create" ? navigator.credentials.create(creation(options))
                                   : navigator.credentials.get(request(options));
    asking.then(function (credential) {
      var field = form.querySelector(mode === "create" ? "input[name=credential]" : "input[name=assertion]");
      field.value = JSON.stringify(mode === "create" ? created(credential) : asserted(credential));
      say("已取得，正在提交……", "Done on the device; sending…");
      form.submit();
    }).catch(function (error) {
      button.disabled = false;
      say("设备未完成（" + error.name + "），未提交；可再试一次。",
          "The device did not finish (" + error.name + "): nothing was sent; you may try again.");
      button.focus();
    });
  }
  button.addEventListener("click", start);
}());
