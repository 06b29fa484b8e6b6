#!/bin/bash
# deb after-install script. It replaces electron-builder's default one, so its first part does the
# same (command link, Chromium sandbox helper, desktop database, AppArmor profile); the second part
# sets up the kiosk. electron-builder fills in the ${executable} and ${sanitizedProductName} macros
# and refuses any other ${...}, so shell variables here are written without braces.

APP_DIR='/opt/${sanitizedProductName}'
EXECUTABLE='${executable}'

# --- as electron-builder's default script ---
ln -sf "$APP_DIR/$EXECUTABLE" "/usr/bin/$EXECUTABLE"

# The SUID sandbox helper is needed only where unprivileged user namespaces are unavailable.
if ! { [[ -L /proc/self/ns/user ]] && unshare --user true; }; then
  chmod 4755 "$APP_DIR/chrome-sandbox" || true
else
  chmod 0755 "$APP_DIR/chrome-sandbox" || true
fi

if hash update-desktop-database 2>/dev/null; then
  update-desktop-database /usr/share/applications || true
fi

# Ubuntu 24+ restricts user namespaces to programs with an AppArmor profile.
if apparmor_status --enabled >/dev/null 2>&1; then
  APPARMOR_SOURCE="$APP_DIR/resources/apparmor-profile"
  APPARMOR_TARGET="/etc/apparmor.d/$EXECUTABLE"
  if apparmor_parser --skip-kernel-load --debug "$APPARMOR_SOURCE" >/dev/null 2>&1; then
    cp -f "$APPARMOR_SOURCE" "$APPARMOR_TARGET"
    if ! { [ -x /usr/bin/ischroot ] && /usr/bin/ischroot; } && hash apparmor_parser 2>/dev/null; then
      apparmor_parser --replace --write-cache --skip-read-cache "$APPARMOR_TARGET"
    fi
  fi
fi

# --- the kiosk ---
SETUP_DIR="$APP_DIR/linux-setup"
KIOSK_USER=kiosk

# The serial printer: a stable name and the dialout group (takes effect on the next plug-in or boot).
install -m 0644 "$SETUP_DIR/99-kiosk-serial.rules" /usr/lib/udev/rules.d/99-kiosk-serial.rules
if hash udevadm 2>/dev/null; then
  udevadm control --reload || true
  udevadm trigger --subsystem-match=tty || true
fi

# The session service; available to every user, enabled below only for the kiosk user.
install -m 0644 "$SETUP_DIR/kiosk.service" /usr/lib/systemd/user/kiosk.service

if id "$KIOSK_USER" >/dev/null 2>&1; then
  usermod -a -G dialout "$KIOSK_USER"
  # What `systemctl --user enable kiosk.service` does, without needing the user's session running.
  KIOSK_HOME=$(getent passwd "$KIOSK_USER" | cut -d: -f6)
  WANTS_DIR="$KIOSK_HOME/.config/systemd/user/graphical-session.target.wants"
  install -d -o "$KIOSK_USER" -g "$(id -gn "$KIOSK_USER")" "$KIOSK_HOME/.config" "$KIOSK_HOME/.config/systemd" \
    "$KIOSK_HOME/.config/systemd/user" "$WANTS_DIR"
  ln -sf /usr/lib/systemd/user/kiosk.service "$WANTS_DIR/kiosk.service"
  chown -h "$KIOSK_USER:" "$WANTS_DIR/kiosk.service"
else
  echo "Kiosk: there is no user \"$KIOSK_USER\". Create it (sudo adduser $KIOSK_USER), add it to dialout" \
    "(sudo usermod -a -G dialout $KIOSK_USER) and, as that user, run: systemctl --user enable kiosk.service"
fi

exit 0
