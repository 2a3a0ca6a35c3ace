package io.crmflow.contacts;

import io.crmflow.records.UndoLog;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;

@Service
public class ContactBulk {
    List<UUID> undo(UndoLog.Entry entry) {
        throw new UnsupportedOperationException();
    }
}
