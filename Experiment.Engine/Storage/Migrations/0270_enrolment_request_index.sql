-- Erasing participants (a study's erase, a pilot's removal, the purge) cascades into enrolment_request; without
-- an index on participant_id every deleted participant scanned the whole table.
create index enrolment_request_participant on enrolment_request (participant_id);
