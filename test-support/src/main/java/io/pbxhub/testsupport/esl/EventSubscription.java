package io.pbxhub.testsupport.esl;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * What one session listens to, changed by {@code event}, {@code nixevent} and {@code noevents} with the rules of
 * parse_command and event_handler in mod_event_socket.c: names add up, ALL means everything including every CUSTOM
 * subclass, words after CUSTOM are subclasses, unknown words are ignored.
 */
final class EventSubscription {

    private EventFormat format = EventFormat.PLAIN;
    private boolean listening;
    private boolean all;
    private final Set<String> names = new HashSet<>();
    private final Set<String> subclasses = new HashSet<>();

    /** {@code event [plain|json|xml] <names...>}: returns the reply text. */
    synchronized String subscribe(String[] words) {
        int known = 0;
        boolean custom = false;
        for (int i = 0; i < words.length; i++) {
            String word = words[i];
            if (i == 0) {
                Optional<EventFormat> f = EventFormat.fromWord(word);
                if (f.isPresent()) {
                    format = f.get();
                    continue;
                }
            }
            if (custom) {
                subclasses.add(word);
                continue;
            }
            Optional<String> name = EventNames.lookup(word);
            if (name.isEmpty()) {
                continue;
            }
            known++;
            if (EventNames.ALL.equals(name.get())) {
                all = true;
            } else {
                names.add(name.get());
            }
            custom = EventNames.CUSTOM.equals(name.get());
        }
        if (known == 0) {
            return "-ERR no keywords supplied";
        }
        listening = true;
        return "+OK event listener enabled " + format.word();
    }

    /** {@code nixevent <names...>}: returns the reply text. */
    synchronized String unsubscribe(String[] words) {
        int known = 0;
        boolean custom = false;
        for (String word : words) {
            if (custom) {
                subclasses.remove(word);
                continue;
            }
            Optional<String> name = EventNames.lookup(word);
            if (name.isEmpty()) {
                continue;
            }
            known++;
            if (EventNames.CUSTOM.equals(name.get())) {
                custom = true;
            } else if (EventNames.ALL.equals(name.get())) {
                all = false;
                names.clear();
            } else {
                // leaving ALL keeps every other event, as event_list is filled when ALL is cleared
                if (all) {
                    all = false;
                    names.addAll(EventNames.allButAll());
                }
                names.remove(name.get());
            }
        }
        if (known == 0) {
            return "-ERR no keywords supplied";
        }
        listening = true;
        return "+OK events nixed";
    }

    /** {@code noevents}: returns the reply text. */
    synchronized String clear() {
        if (!listening) {
            return "-ERR not listening for events";
        }
        listening = false;
        all = false;
        names.clear();
        subclasses.clear();
        return "+OK no longer listening for events";
    }

    synchronized boolean listening() {
        return listening;
    }

    synchronized EventFormat format() {
        return format;
    }

    synchronized boolean wants(EslEvent event) {
        String name = event.name();
        if (!wants(name)) {
            return false;
        }
        if (all || !EventNames.CUSTOM.equals(name)) {
            return true;
        }
        return event.get("Event-Subclass").map(subclasses::contains).orElse(true);
    }

    /** For an event that is not CUSTOM (a CUSTOM one also needs its subclass checked). */
    synchronized boolean wants(String eventName) {
        return listening && (all || names.contains(eventName));
    }
}
