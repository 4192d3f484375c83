# read_export.R: reads the export of study privacy-paradox-nl with the types and labels of codebook.csv (labels: en)
# Written by the export from the codebook rows; export again rather than edit it
# In R, with the export folder as working directory: source("read_export.R")
# Rscript read_export.R also saves the data frames to read_export.RData and prints their shape.

ppl_read <- function(file, columns, names) {
  d <- utils::read.csv(file, colClasses = "character", na.strings = "", check.names = FALSE,
                       encoding = "UTF-8", fileEncoding = "UTF-8")
  if (!identical(names(d), columns)) stop(file, ": the columns differ from the ones this script was written for")
  names(d) <- names
  d
}
ppl_time <- function(x) as.POSIXct(x, format = "%Y-%m-%dT%H:%M:%SZ", tz = "UTC")
ppl_check <- function(x, allowed, column) {
  odd <- unique(x[!(x %in% c(allowed, NA))])
  if (length(odd) > 0) stop(column, " holds values the codebook does not list: ", paste(utils::head(odd, 5), collapse = ", "))
}
ppl_bool <- function(x, column) {
  ppl_check(x, c("0", "1"), column)
  x == "1"
}
ppl_factor <- function(x, levels, labels, column) {
  ppl_check(x, levels, column)
  factor(x, levels = levels, labels = labels)
}

participants <- ppl_read("participants.csv",
  c("participant_id", "study_id", "study_version", "arm", "arm_discount", "arm_notice", "block_order", "language",
    "status", "started_at", "completed_at", "duration_s", "attention_passed", "iuipc_ctrl1", "iuipc_ctrl2", "iuipc_awa1",
    "iuipc_awa2", "iuipc_coll1", "attention_check", "iuipc_coll2", "iuipc_coll3", "iuipc_coll4", "seg_lost_control", "seg_companies_proper",
    "seg_law_protects", "tradeoff_privacy_over_service", "will_dob", "will_mobile", "will_income", "will_bsn", "will_employer", "will_child_adhd",
    "will_friends_emails", "age_band", "gender", "checkout_outcome", "offer_name", "offer_postcode", "offer_house_number", "offer_street",
    "offer_town", "offer_email", "offer_dob", "offer_mobile", "offer_income", "offer_bsn", "offer_employer", "offer_child_adhd",
    "offer_friends_emails", "granted_name", "granted_postcode", "granted_house_number", "granted_street", "granted_town", "granted_email", "granted_dob",
    "granted_mobile", "granted_income", "granted_bsn", "granted_employer", "granted_child_adhd", "granted_friends_emails", "disclosed_name", "disclosed_postcode",
    "disclosed_house_number", "disclosed_street", "disclosed_town", "disclosed_email", "disclosed_dob", "disclosed_mobile", "disclosed_income", "disclosed_bsn",
    "disclosed_employer", "disclosed_child_adhd", "disclosed_friends_emails", "plausible_name", "plausible_postcode", "plausible_house_number", "plausible_street", "plausible_town",
    "plausible_email", "plausible_dob", "plausible_mobile", "plausible_income", "plausible_bsn", "plausible_employer", "plausible_child_adhd", "plausible_friends_emails",
    "discount_pct", "amount_to_pay", "privacy_statement_opened", "privacy_statement_ms", "behaviour_consent", "flag_attention_failed", "flag_speeder", "flag_straightlining",
    "repeat_entries", "pilot"),
  c("participant_id", "study_id", "study_version", "arm", "arm_discount", "arm_notice", "block_order", "language",
    "status", "started_at", "completed_at", "duration_s", "attention_passed", "iuipc_ctrl1", "iuipc_ctrl2", "iuipc_awa1",
    "iuipc_awa2", "iuipc_coll1", "attention_check", "iuipc_coll2", "iuipc_coll3", "iuipc_coll4", "seg_lost_control", "seg_companies_proper",
    "seg_law_protects", "tradeoff_privacy_over_service", "will_dob", "will_mobile", "will_income", "will_bsn", "will_employer", "will_child_adhd",
    "will_friends_emails", "age_band", "gender", "checkout_outcome", "offer_name", "offer_postcode", "offer_house_number", "offer_street",
    "offer_town", "offer_email", "offer_dob", "offer_mobile", "offer_income", "offer_bsn", "offer_employer", "offer_child_adhd",
    "offer_friends_emails", "granted_name", "granted_postcode", "granted_house_number", "granted_street", "granted_town", "granted_email", "granted_dob",
    "granted_mobile", "granted_income", "granted_bsn", "granted_employer", "granted_child_adhd", "granted_friends_emails", "disclosed_name", "disclosed_postcode",
    "disclosed_house_number", "disclosed_street", "disclosed_town", "disclosed_email", "disclosed_dob", "disclosed_mobile", "disclosed_income", "disclosed_bsn",
    "disclosed_employer", "disclosed_child_adhd", "disclosed_friends_emails", "plausible_name", "plausible_postcode", "plausible_house_number", "plausible_street", "plausible_town",
    "plausible_email", "plausible_dob", "plausible_mobile", "plausible_income", "plausible_bsn", "plausible_employer", "plausible_child_adhd", "plausible_friends_emails",
    "discount_pct", "amount_to_pay", "privacy_statement_opened", "privacy_statement_ms", "behaviour_consent", "flag_attention_failed", "flag_speeder", "flag_straightlining",
    "repeat_entries", "pilot"))
attr(participants$participant_id, "label") <- "Opaque pseudonym of the participant"
attr(participants$study_id, "label") <- "Study id"
participants$study_version <- as.integer(participants$study_version)
attr(participants$study_version, "label") <- "Version of the study file the participant saw"
attr(participants$arm, "label") <- "Between-subject cell, factor=level pairs joined by ;"
participants$arm_discount <- ppl_factor(participants$arm_discount,
  levels = c("0", "3", "7"),
  labels = c("0", "3", "7"),
  column = "participants.csv: arm_discount")
attr(participants$arm_discount, "label") <- "Level of factor discount"
participants$arm_notice <- ppl_factor(participants$arm_notice,
  levels = c("plain", "salient"),
  labels = c("plain", "salient"),
  column = "participants.csv: arm_notice")
attr(participants$arm_notice, "label") <- "Level of factor notice"
participants$block_order <- ppl_factor(participants$block_order,
  levels = c("questionnaire>shop", "shop>questionnaire"),
  labels = c("questionnaire>shop", "shop>questionnaire"),
  column = "participants.csv: block_order")
attr(participants$block_order, "label") <- "Blocks in the order shown"
participants$language <- ppl_factor(participants$language,
  levels = c("en", "nl"),
  labels = c("en", "nl"),
  column = "participants.csv: language")
attr(participants$language, "label") <- "Language the participant used"
participants$status <- ppl_factor(participants$status,
  levels = c("completed", "in_progress", "abandoned"),
  labels = c("completed", "in_progress", "abandoned"),
  column = "participants.csv: status")
attr(participants$status, "label") <- "Completed, in progress, or abandoned (no request for 24 hours)"
participants$started_at <- ppl_time(participants$started_at)
attr(participants$started_at, "label") <- "Consent given"
participants$completed_at <- ppl_time(participants$completed_at)
attr(participants$completed_at, "label") <- "Session completed"
participants$duration_s <- as.numeric(participants$duration_s)
attr(participants$duration_s, "label") <- "Seconds from start to completion"
participants$attention_passed <- ppl_bool(participants$attention_passed, "participants.csv: attention_passed")
attr(participants$attention_passed, "label") <- "Attention check passed"
participants$iuipc_ctrl1 <- as.integer(participants$iuipc_ctrl1)
attr(participants$iuipc_ctrl1, "label") <- "Consumer online privacy is really a matter of consumers' right to exercise control and autonomy over decisions about how their information is collected, used, and shared."
attr(participants$iuipc_ctrl1, "labels") <- c("Strongly disagree" = 1L, "Disagree" = 2L, "Somewhat disagree" = 3L, "Neither agree nor disagree" = 4L, "Somewhat agree" = 5L, "Agree" = 6L, "Strongly agree" = 7L)
attr(participants$iuipc_ctrl1, "scale") <- c(1L, 7L)
attr(participants$iuipc_ctrl1, "reverse_coded") <- FALSE
attr(participants$iuipc_ctrl1, "construct") <- "concern.control"
participants$iuipc_ctrl2 <- as.integer(participants$iuipc_ctrl2)
attr(participants$iuipc_ctrl2, "label") <- "Consumer control of personal information lies at the heart of consumer privacy."
attr(participants$iuipc_ctrl2, "labels") <- c("Strongly disagree" = 1L, "Disagree" = 2L, "Somewhat disagree" = 3L, "Neither agree nor disagree" = 4L, "Somewhat agree" = 5L, "Agree" = 6L, "Strongly agree" = 7L)
attr(participants$iuipc_ctrl2, "scale") <- c(1L, 7L)
attr(participants$iuipc_ctrl2, "reverse_coded") <- FALSE
attr(participants$iuipc_ctrl2, "construct") <- "concern.control"
participants$iuipc_awa1 <- as.integer(participants$iuipc_awa1)
attr(participants$iuipc_awa1, "label") <- "Companies seeking information online should disclose the way the data are collected, processed, and used."
attr(participants$iuipc_awa1, "labels") <- c("Strongly disagree" = 1L, "Disagree" = 2L, "Somewhat disagree" = 3L, "Neither agree nor disagree" = 4L, "Somewhat agree" = 5L, "Agree" = 6L, "Strongly agree" = 7L)
attr(participants$iuipc_awa1, "scale") <- c(1L, 7L)
attr(participants$iuipc_awa1, "reverse_coded") <- FALSE
attr(participants$iuipc_awa1, "construct") <- "concern.awareness"
participants$iuipc_awa2 <- as.integer(participants$iuipc_awa2)
attr(participants$iuipc_awa2, "label") <- "A good consumer online privacy policy should have a clear and conspicuous disclosure."
attr(participants$iuipc_awa2, "labels") <- c("Strongly disagree" = 1L, "Disagree" = 2L, "Somewhat disagree" = 3L, "Neither agree nor disagree" = 4L, "Somewhat agree" = 5L, "Agree" = 6L, "Strongly agree" = 7L)
attr(participants$iuipc_awa2, "scale") <- c(1L, 7L)
attr(participants$iuipc_awa2, "reverse_coded") <- FALSE
attr(participants$iuipc_awa2, "construct") <- "concern.awareness"
participants$iuipc_coll1 <- as.integer(participants$iuipc_coll1)
attr(participants$iuipc_coll1, "label") <- "It usually bothers me when online companies ask me for personal information."
attr(participants$iuipc_coll1, "labels") <- c("Strongly disagree" = 1L, "Disagree" = 2L, "Somewhat disagree" = 3L, "Neither agree nor disagree" = 4L, "Somewhat agree" = 5L, "Agree" = 6L, "Strongly agree" = 7L)
attr(participants$iuipc_coll1, "scale") <- c(1L, 7L)
attr(participants$iuipc_coll1, "reverse_coded") <- FALSE
attr(participants$iuipc_coll1, "construct") <- "concern.collection"
participants$attention_check <- as.integer(participants$attention_check)
attr(participants$attention_check, "label") <- "To show that you read carefully: choose 'Disagree' here."
attr(participants$attention_check, "labels") <- c("Strongly disagree" = 1L, "Disagree" = 2L, "Somewhat disagree" = 3L, "Neither agree nor disagree" = 4L, "Somewhat agree" = 5L, "Agree" = 6L, "Strongly agree" = 7L)
attr(participants$attention_check, "scale") <- c(1L, 7L)
attr(participants$attention_check, "reverse_coded") <- FALSE
attr(participants$attention_check, "construct") <- "attention"
participants$iuipc_coll2 <- as.integer(participants$iuipc_coll2)
attr(participants$iuipc_coll2, "label") <- "When online companies ask me for personal information, I sometimes think twice before providing it."
attr(participants$iuipc_coll2, "labels") <- c("Strongly disagree" = 1L, "Disagree" = 2L, "Somewhat disagree" = 3L, "Neither agree nor disagree" = 4L, "Somewhat agree" = 5L, "Agree" = 6L, "Strongly agree" = 7L)
attr(participants$iuipc_coll2, "scale") <- c(1L, 7L)
attr(participants$iuipc_coll2, "reverse_coded") <- FALSE
attr(participants$iuipc_coll2, "construct") <- "concern.collection"
participants$iuipc_coll3 <- as.integer(participants$iuipc_coll3)
attr(participants$iuipc_coll3, "label") <- "It bothers me to give personal information to so many online companies."
attr(participants$iuipc_coll3, "labels") <- c("Strongly disagree" = 1L, "Disagree" = 2L, "Somewhat disagree" = 3L, "Neither agree nor disagree" = 4L, "Somewhat agree" = 5L, "Agree" = 6L, "Strongly agree" = 7L)
attr(participants$iuipc_coll3, "scale") <- c(1L, 7L)
attr(participants$iuipc_coll3, "reverse_coded") <- FALSE
attr(participants$iuipc_coll3, "construct") <- "concern.collection"
participants$iuipc_coll4 <- as.integer(participants$iuipc_coll4)
attr(participants$iuipc_coll4, "label") <- "I'm concerned that online companies are collecting too much personal information about me."
attr(participants$iuipc_coll4, "labels") <- c("Strongly disagree" = 1L, "Disagree" = 2L, "Somewhat disagree" = 3L, "Neither agree nor disagree" = 4L, "Somewhat agree" = 5L, "Agree" = 6L, "Strongly agree" = 7L)
attr(participants$iuipc_coll4, "scale") <- c(1L, 7L)
attr(participants$iuipc_coll4, "reverse_coded") <- FALSE
attr(participants$iuipc_coll4, "construct") <- "concern.collection"
participants$seg_lost_control <- as.integer(participants$seg_lost_control)
attr(participants$seg_lost_control, "label") <- "Consumers have lost all control over how personal information is collected and used by companies."
attr(participants$seg_lost_control, "labels") <- c("Strongly disagree" = 1L, "Somewhat disagree" = 2L, "Somewhat agree" = 3L, "Strongly agree" = 4L)
attr(participants$seg_lost_control, "scale") <- c(1L, 4L)
attr(participants$seg_lost_control, "reverse_coded") <- FALSE
attr(participants$seg_lost_control, "construct") <- "westin"
participants$seg_companies_proper <- as.integer(participants$seg_companies_proper)
attr(participants$seg_companies_proper, "label") <- "Most businesses handle the personal information they collect about consumers in a proper and confidential way."
attr(participants$seg_companies_proper, "labels") <- c("Strongly disagree" = 1L, "Somewhat disagree" = 2L, "Somewhat agree" = 3L, "Strongly agree" = 4L)
attr(participants$seg_companies_proper, "scale") <- c(1L, 4L)
attr(participants$seg_companies_proper, "reverse_coded") <- FALSE
attr(participants$seg_companies_proper, "construct") <- "westin"
participants$seg_law_protects <- as.integer(participants$seg_law_protects)
attr(participants$seg_law_protects, "label") <- "Existing laws and organizational practices provide a reasonable level of protection for consumer privacy today."
attr(participants$seg_law_protects, "labels") <- c("Strongly disagree" = 1L, "Somewhat disagree" = 2L, "Somewhat agree" = 3L, "Strongly agree" = 4L)
attr(participants$seg_law_protects, "scale") <- c(1L, 4L)
attr(participants$seg_law_protects, "reverse_coded") <- FALSE
attr(participants$seg_law_protects, "construct") <- "westin"
participants$tradeoff_privacy_over_service <- as.integer(participants$tradeoff_privacy_over_service)
attr(participants$tradeoff_privacy_over_service, "label") <- "My privacy matters more to me than the best possible service."
attr(participants$tradeoff_privacy_over_service, "labels") <- c("Strongly disagree" = 1L, "Disagree" = 2L, "Somewhat disagree" = 3L, "Neither agree nor disagree" = 4L, "Somewhat agree" = 5L, "Agree" = 6L, "Strongly agree" = 7L)
attr(participants$tradeoff_privacy_over_service, "scale") <- c(1L, 7L)
attr(participants$tradeoff_privacy_over_service, "reverse_coded") <- FALSE
attr(participants$tradeoff_privacy_over_service, "construct") <- "tradeoff"
participants$will_dob <- ppl_bool(participants$will_dob, "participants.csv: will_dob")
attr(participants$will_dob, "label") <- "Would you give a web shop your date of birth in exchange for a discount?"
attr(participants$will_dob, "reverse_coded") <- FALSE
attr(participants$will_dob, "construct") <- "willingness"
participants$will_mobile <- ppl_bool(participants$will_mobile, "participants.csv: will_mobile")
attr(participants$will_mobile, "label") <- "Would you give a web shop your mobile number in exchange for a discount?"
attr(participants$will_mobile, "reverse_coded") <- FALSE
attr(participants$will_mobile, "construct") <- "willingness"
participants$will_income <- ppl_bool(participants$will_income, "participants.csv: will_income")
attr(participants$will_income, "label") <- "Would you give a web shop your monthly net income in exchange for a discount?"
attr(participants$will_income, "reverse_coded") <- FALSE
attr(participants$will_income, "construct") <- "willingness"
participants$will_bsn <- ppl_bool(participants$will_bsn, "participants.csv: will_bsn")
attr(participants$will_bsn, "label") <- "Would you give a web shop your citizen service number (BSN) in exchange for a discount?"
attr(participants$will_bsn, "reverse_coded") <- FALSE
attr(participants$will_bsn, "construct") <- "willingness"
participants$will_employer <- ppl_bool(participants$will_employer, "participants.csv: will_employer")
attr(participants$will_employer, "label") <- "Would you give a web shop the name of your employer in exchange for a discount?"
attr(participants$will_employer, "reverse_coded") <- FALSE
attr(participants$will_employer, "construct") <- "willingness"
participants$will_child_adhd <- ppl_bool(participants$will_child_adhd, "participants.csv: will_child_adhd")
attr(participants$will_child_adhd, "label") <- "Would you tell a web shop whether a child in your household has ADHD, in exchange for a discount?"
attr(participants$will_child_adhd, "reverse_coded") <- FALSE
attr(participants$will_child_adhd, "construct") <- "willingness"
participants$will_friends_emails <- ppl_bool(participants$will_friends_emails, "participants.csv: will_friends_emails")
attr(participants$will_friends_emails, "label") <- "Would you give a web shop your friends' e-mail addresses in exchange for a discount?"
attr(participants$will_friends_emails, "reverse_coded") <- FALSE
attr(participants$will_friends_emails, "construct") <- "willingness"
participants$age_band <- ppl_factor(participants$age_band,
  levels = c("18-24", "25-34", "35-44", "45-54", "55-64", "65+", "prefer_not"),
  labels = c("18-24 years", "25-34 years", "35-44 years", "45-54 years", "55-64 years", "65 years or older", "Prefer not to say"),
  column = "participants.csv: age_band")
attr(participants$age_band, "label") <- "What is your age?"
attr(participants$age_band, "reverse_coded") <- FALSE
attr(participants$age_band, "construct") <- "demographics"
participants$gender <- ppl_factor(participants$gender,
  levels = c("female", "male", "other", "prefer_not"),
  labels = c("Woman", "Man", "Other", "Prefer not to say"),
  column = "participants.csv: gender")
attr(participants$gender, "label") <- "What is your gender?"
attr(participants$gender, "reverse_coded") <- FALSE
attr(participants$gender, "construct") <- "demographics"
participants$checkout_outcome <- ppl_factor(participants$checkout_outcome,
  levels = c("ordered", "left_shop"),
  labels = c("ordered", "left_shop"),
  column = "participants.csv: checkout_outcome")
attr(participants$checkout_outcome, "label") <- "How the checkout ended; empty when not reached"
participants$offer_name <- as.numeric(participants$offer_name)
attr(participants$offer_name, "label") <- "Discount percent offered next to: Name"
participants$offer_postcode <- as.numeric(participants$offer_postcode)
attr(participants$offer_postcode, "label") <- "Discount percent offered next to: Postcode"
participants$offer_house_number <- as.numeric(participants$offer_house_number)
attr(participants$offer_house_number, "label") <- "Discount percent offered next to: House number and addition"
participants$offer_street <- as.numeric(participants$offer_street)
attr(participants$offer_street, "label") <- "Discount percent offered next to: Street"
participants$offer_town <- as.numeric(participants$offer_town)
attr(participants$offer_town, "label") <- "Discount percent offered next to: Town"
participants$offer_email <- as.numeric(participants$offer_email)
attr(participants$offer_email, "label") <- "Discount percent offered next to: E-mail address"
participants$offer_dob <- as.numeric(participants$offer_dob)
attr(participants$offer_dob, "label") <- "Discount percent offered next to: Date of birth"
participants$offer_mobile <- as.numeric(participants$offer_mobile)
attr(participants$offer_mobile, "label") <- "Discount percent offered next to: Mobile number"
participants$offer_income <- as.numeric(participants$offer_income)
attr(participants$offer_income, "label") <- "Discount percent offered next to: Monthly net income (\u20ac)"
participants$offer_bsn <- as.numeric(participants$offer_bsn)
attr(participants$offer_bsn, "label") <- "Discount percent offered next to: Citizen service number (BSN)"
participants$offer_employer <- as.numeric(participants$offer_employer)
attr(participants$offer_employer, "label") <- "Discount percent offered next to: Employer"
participants$offer_child_adhd <- as.numeric(participants$offer_child_adhd)
attr(participants$offer_child_adhd, "label") <- "Discount percent offered next to: Does a child in your household have ADHD?"
participants$offer_friends_emails <- as.numeric(participants$offer_friends_emails)
attr(participants$offer_friends_emails, "label") <- "Discount percent offered next to: Friends' e-mail addresses (we send them a discount code too)"
participants$granted_name <- as.numeric(participants$granted_name)
attr(participants$granted_name, "label") <- "Discount percent granted for: Name (the offer when given, else 0; empty when the checkout did not end)"
participants$granted_postcode <- as.numeric(participants$granted_postcode)
attr(participants$granted_postcode, "label") <- "Discount percent granted for: Postcode (the offer when given, else 0; empty when the checkout did not end)"
participants$granted_house_number <- as.numeric(participants$granted_house_number)
attr(participants$granted_house_number, "label") <- "Discount percent granted for: House number and addition (the offer when given, else 0; empty when the checkout did not end)"
participants$granted_street <- as.numeric(participants$granted_street)
attr(participants$granted_street, "label") <- "Discount percent granted for: Street (the offer when given, else 0; empty when the checkout did not end)"
participants$granted_town <- as.numeric(participants$granted_town)
attr(participants$granted_town, "label") <- "Discount percent granted for: Town (the offer when given, else 0; empty when the checkout did not end)"
participants$granted_email <- as.numeric(participants$granted_email)
attr(participants$granted_email, "label") <- "Discount percent granted for: E-mail address (the offer when given, else 0; empty when the checkout did not end)"
participants$granted_dob <- as.numeric(participants$granted_dob)
attr(participants$granted_dob, "label") <- "Discount percent granted for: Date of birth (the offer when given, else 0; empty when the checkout did not end)"
participants$granted_mobile <- as.numeric(participants$granted_mobile)
attr(participants$granted_mobile, "label") <- "Discount percent granted for: Mobile number (the offer when given, else 0; empty when the checkout did not end)"
participants$granted_income <- as.numeric(participants$granted_income)
attr(participants$granted_income, "label") <- "Discount percent granted for: Monthly net income (\u20ac) (the offer when given, else 0; empty when the checkout did not end)"
participants$granted_bsn <- as.numeric(participants$granted_bsn)
attr(participants$granted_bsn, "label") <- "Discount percent granted for: Citizen service number (BSN) (the offer when given, else 0; empty when the checkout did not end)"
participants$granted_employer <- as.numeric(participants$granted_employer)
attr(participants$granted_employer, "label") <- "Discount percent granted for: Employer (the offer when given, else 0; empty when the checkout did not end)"
participants$granted_child_adhd <- as.numeric(participants$granted_child_adhd)
attr(participants$granted_child_adhd, "label") <- "Discount percent granted for: Does a child in your household have ADHD? (the offer when given, else 0; empty when the checkout did not end)"
participants$granted_friends_emails <- as.numeric(participants$granted_friends_emails)
attr(participants$granted_friends_emails, "label") <- "Discount percent granted for: Friends' e-mail addresses (we send them a discount code too) (the offer when given, else 0; empty when the checkout did not end)"
participants$disclosed_name <- ppl_bool(participants$disclosed_name, "participants.csv: disclosed_name")
attr(participants$disclosed_name, "label") <- "Something entered in: Name (an answer like 'prefer not to say' counts as 0)"
participants$disclosed_postcode <- ppl_bool(participants$disclosed_postcode, "participants.csv: disclosed_postcode")
attr(participants$disclosed_postcode, "label") <- "Something entered in: Postcode (an answer like 'prefer not to say' counts as 0)"
participants$disclosed_house_number <- ppl_bool(participants$disclosed_house_number, "participants.csv: disclosed_house_number")
attr(participants$disclosed_house_number, "label") <- "Something entered in: House number and addition (an answer like 'prefer not to say' counts as 0)"
participants$disclosed_street <- ppl_bool(participants$disclosed_street, "participants.csv: disclosed_street")
attr(participants$disclosed_street, "label") <- "Something entered in: Street (an answer like 'prefer not to say' counts as 0)"
participants$disclosed_town <- ppl_bool(participants$disclosed_town, "participants.csv: disclosed_town")
attr(participants$disclosed_town, "label") <- "Something entered in: Town (an answer like 'prefer not to say' counts as 0)"
participants$disclosed_email <- ppl_bool(participants$disclosed_email, "participants.csv: disclosed_email")
attr(participants$disclosed_email, "label") <- "Something entered in: E-mail address (an answer like 'prefer not to say' counts as 0)"
participants$disclosed_dob <- ppl_bool(participants$disclosed_dob, "participants.csv: disclosed_dob")
attr(participants$disclosed_dob, "label") <- "Something entered in: Date of birth (an answer like 'prefer not to say' counts as 0)"
participants$disclosed_mobile <- ppl_bool(participants$disclosed_mobile, "participants.csv: disclosed_mobile")
attr(participants$disclosed_mobile, "label") <- "Something entered in: Mobile number (an answer like 'prefer not to say' counts as 0)"
participants$disclosed_income <- ppl_bool(participants$disclosed_income, "participants.csv: disclosed_income")
attr(participants$disclosed_income, "label") <- "Something entered in: Monthly net income (\u20ac) (an answer like 'prefer not to say' counts as 0)"
participants$disclosed_bsn <- ppl_bool(participants$disclosed_bsn, "participants.csv: disclosed_bsn")
attr(participants$disclosed_bsn, "label") <- "Something entered in: Citizen service number (BSN) (an answer like 'prefer not to say' counts as 0)"
participants$disclosed_employer <- ppl_bool(participants$disclosed_employer, "participants.csv: disclosed_employer")
attr(participants$disclosed_employer, "label") <- "Something entered in: Employer (an answer like 'prefer not to say' counts as 0)"
participants$disclosed_child_adhd <- ppl_bool(participants$disclosed_child_adhd, "participants.csv: disclosed_child_adhd")
attr(participants$disclosed_child_adhd, "label") <- "Something entered in: Does a child in your household have ADHD? (an answer like 'prefer not to say' counts as 0)"
participants$disclosed_friends_emails <- ppl_bool(participants$disclosed_friends_emails, "participants.csv: disclosed_friends_emails")
attr(participants$disclosed_friends_emails, "label") <- "Something entered in: Friends' e-mail addresses (we send them a discount code too) (an answer like 'prefer not to say' counts as 0)"
participants$plausible_name <- ppl_bool(participants$plausible_name, "participants.csv: plausible_name")
attr(participants$plausible_name, "label") <- "Entry plausible (1) or fake-looking (0): Name"
participants$plausible_postcode <- ppl_bool(participants$plausible_postcode, "participants.csv: plausible_postcode")
attr(participants$plausible_postcode, "label") <- "Entry plausible (1) or fake-looking (0): Postcode"
participants$plausible_house_number <- ppl_bool(participants$plausible_house_number, "participants.csv: plausible_house_number")
attr(participants$plausible_house_number, "label") <- "Entry plausible (1) or fake-looking (0): House number and addition"
participants$plausible_street <- ppl_bool(participants$plausible_street, "participants.csv: plausible_street")
attr(participants$plausible_street, "label") <- "Entry plausible (1) or fake-looking (0): Street"
participants$plausible_town <- ppl_bool(participants$plausible_town, "participants.csv: plausible_town")
attr(participants$plausible_town, "label") <- "Entry plausible (1) or fake-looking (0): Town"
participants$plausible_email <- ppl_bool(participants$plausible_email, "participants.csv: plausible_email")
attr(participants$plausible_email, "label") <- "Entry plausible (1) or fake-looking (0): E-mail address"
participants$plausible_dob <- ppl_bool(participants$plausible_dob, "participants.csv: plausible_dob")
attr(participants$plausible_dob, "label") <- "Entry plausible (1) or fake-looking (0): Date of birth"
participants$plausible_mobile <- ppl_bool(participants$plausible_mobile, "participants.csv: plausible_mobile")
attr(participants$plausible_mobile, "label") <- "Entry plausible (1) or fake-looking (0): Mobile number"
participants$plausible_income <- ppl_bool(participants$plausible_income, "participants.csv: plausible_income")
attr(participants$plausible_income, "label") <- "Entry plausible (1) or fake-looking (0): Monthly net income (\u20ac)"
participants$plausible_bsn <- ppl_bool(participants$plausible_bsn, "participants.csv: plausible_bsn")
attr(participants$plausible_bsn, "label") <- "Entry plausible (1) or fake-looking (0): Citizen service number (BSN)"
participants$plausible_employer <- ppl_bool(participants$plausible_employer, "participants.csv: plausible_employer")
attr(participants$plausible_employer, "label") <- "Entry plausible (1) or fake-looking (0): Employer"
participants$plausible_child_adhd <- ppl_bool(participants$plausible_child_adhd, "participants.csv: plausible_child_adhd")
attr(participants$plausible_child_adhd, "label") <- "Entry plausible (1) or fake-looking (0): Does a child in your household have ADHD?"
participants$plausible_friends_emails <- ppl_bool(participants$plausible_friends_emails, "participants.csv: plausible_friends_emails")
attr(participants$plausible_friends_emails, "label") <- "Entry plausible (1) or fake-looking (0): Friends' e-mail addresses (we send them a discount code too)"
participants$discount_pct <- as.numeric(participants$discount_pct)
attr(participants$discount_pct, "label") <- "Total discount percent granted at the checkout (the sum of granted_); empty when the checkout did not end"
participants$amount_to_pay <- as.numeric(participants$amount_to_pay)
attr(participants$amount_to_pay, "label") <- "Amount to pay for the order in EUR, as the order confirmation showed; empty when no order was placed"
participants$privacy_statement_opened <- ppl_bool(participants$privacy_statement_opened, "participants.csv: privacy_statement_opened")
attr(participants$privacy_statement_opened, "label") <- "Opened the shop's privacy statement: 1 = its page was shown, or the browser reported it open at the checkout (requireScroll cell: its box in view); 0 = reported not; empty without JavaScript and its page not shown, or if the checkout did not end"
participants$privacy_statement_ms <- as.integer(participants$privacy_statement_ms)
attr(participants$privacy_statement_ms, "label") <- "Milliseconds the privacy statement was open on the checkout page (requireScroll cell: its box in view), measured in the browser; 0 = not opened there; its own page is not timed; empty without JavaScript or when the checkout did not end"
participants$behaviour_consent <- ppl_bool(participants$behaviour_consent, "participants.csv: behaviour_consent")
attr(participants$behaviour_consent, "label") <- "Debrief question: may the researchers use the data of what the participant did in the shop? 1 = yes, may use; 0 = no (the shop columns are then empty); empty before the debrief"
participants$flag_attention_failed <- ppl_bool(participants$flag_attention_failed, "participants.csv: flag_attention_failed")
attr(participants$flag_attention_failed, "label") <- "Failed the attention check; empty when not reached"
participants$flag_speeder <- ppl_bool(participants$flag_speeder, "participants.csv: flag_speeder")
attr(participants$flag_speeder, "label") <- "Completed faster than the study's declared speeder rule (speeders: duration_s below 0.3 x the median duration_s); empty when not completed"
participants$flag_straightlining <- ppl_bool(participants$flag_straightlining, "participants.csv: flag_straightlining")
attr(participants$flag_straightlining, "label") <- "Same answer on every Likert item of a page with a reverse-coded item (some such page); empty when no such page was answered in full"
participants$repeat_entries <- as.integer(participants$repeat_entries)
attr(participants$repeat_entries, "label") <- "Later entries with the same panel id without this participant's cookie (other browser or device, resumed or refused); a double click is not counted"
participants$pilot <- ppl_bool(participants$pilot, "participants.csv: pilot")
attr(participants$pilot, "label") <- "Pilot participant (entered while the study was in pilot, or simulated); always 0 unless exported with --include-pilot"

disclosures <- ppl_read("disclosures.csv",
  c("participant_id", "field", "necessity", "sensitivity", "offer_pct", "granted_pct", "stated_item", "stated_willing",
    "disclosed", "plausible", "time_on_field_ms", "disclosure_mode", "autocomplete"),
  c("participant_id", "field", "necessity", "sensitivity", "offer_pct", "granted_pct", "stated_item", "stated_willing",
    "disclosed", "plausible", "time_on_field_ms", "disclosure_mode", "autocomplete"))
attr(disclosures$participant_id, "label") <- "Opaque pseudonym of the participant"
disclosures$field <- ppl_factor(disclosures$field,
  levels = c("name", "postcode", "house_number", "street", "town", "email", "dob", "mobile", "income", "bsn", "employer", "child_adhd", "friends_emails"),
  labels = c("name", "postcode", "house_number", "street", "town", "email", "dob", "mobile", "income", "bsn", "employer", "child_adhd", "friends_emails"),
  column = "disclosures.csv: field")
attr(disclosures$field, "label") <- "Checkout field key"
disclosures$necessity <- ppl_factor(disclosures$necessity,
  levels = c("required", "optional"),
  labels = c("required", "optional"),
  column = "disclosures.csv: necessity")
attr(disclosures$necessity, "label") <- "Needed to deliver the order, or optional"
disclosures$sensitivity <- as.integer(disclosures$sensitivity)
attr(disclosures$sensitivity, "label") <- "Sensitivity of the field, 1 (harmless) to 5"
disclosures$offer_pct <- as.numeric(disclosures$offer_pct)
attr(disclosures$offer_pct, "label") <- "Discount percent offered for the field"
disclosures$granted_pct <- as.numeric(disclosures$granted_pct)
attr(disclosures$granted_pct, "label") <- "Discount percent the field added to the order (the offer when given, else 0)"
attr(disclosures$stated_item, "label") <- "Key of the paired stated-willingness item"
disclosures$stated_willing <- ppl_bool(disclosures$stated_willing, "disclosures.csv: stated_willing")
attr(disclosures$stated_willing, "label") <- "Answer to the paired item"
disclosures$disclosed <- ppl_bool(disclosures$disclosed, "disclosures.csv: disclosed")
attr(disclosures$disclosed, "label") <- "Something entered (choice mode: sharing ticked) when the order was placed (an answer like 'prefer not to say' counts as 0)"
disclosures$plausible <- ppl_bool(disclosures$plausible, "disclosures.csv: plausible")
attr(disclosures$plausible, "label") <- "Entry plausible (1) or fake-looking (0); empty when nothing entered or in choice mode"
disclosures$time_on_field_ms <- as.integer(disclosures$time_on_field_ms)
attr(disclosures$time_on_field_ms, "label") <- "Milliseconds spent in the field"
disclosures$disclosure_mode <- ppl_factor(disclosures$disclosure_mode,
  levels = c("server", "browser", "choice"),
  labels = c("typed, classified on the server", "typed, classified in the browser", "ticked to share, nothing typed"),
  column = "disclosures.csv: disclosure_mode")
attr(disclosures$disclosure_mode, "label") <- "How disclosure was measured: typed and classified on the server, typed and classified in the browser, or a tick to share (no plausibility)"
attr(disclosures$autocomplete, "label") <- "Autofill the study allowed: the field's autocomplete token (the browser may fill it in, so a value may not have been typed), off (asked not to); empty in choice mode"

responses <- ppl_read("responses.csv",
  c("participant_id", "page", "item", "value", "answered_at"),
  c("participant_id", "page", "item", "value", "answered_at"))
attr(responses$participant_id, "label") <- "Opaque pseudonym of the participant"
attr(responses$page, "label") <- "Questionnaire page key"
attr(responses$item, "label") <- "Item key"
attr(responses$value, "label") <- "Answer, coded as in participants.csv"
responses$answered_at <- ppl_time(responses$answered_at)
attr(responses$answered_at, "label") <- "When the page with the answer was submitted"

page_times <- ppl_read("page_times.csv",
  c("participant_id", "page", "shown_at", "submitted_at", "seconds"),
  c("participant_id", "page", "shown_at", "submitted_at", "seconds"))
attr(page_times$participant_id, "label") <- "Opaque pseudonym of the participant"
attr(page_times$page, "label") <- "Page name"
page_times$shown_at <- ppl_time(page_times$shown_at)
attr(page_times$shown_at, "label") <- "Page shown"
page_times$submitted_at <- ppl_time(page_times$submitted_at)
attr(page_times$submitted_at, "label") <- "Page submitted; empty when not submitted"
page_times$seconds <- as.numeric(page_times$seconds)
attr(page_times$seconds, "label") <- "Seconds on the page"

rm(ppl_read, ppl_time, ppl_check, ppl_bool, ppl_factor)
if (!interactive() && sys.nframe() == 0L) {
  save(participants, disclosures, responses, page_times, file = "read_export.RData")
  for (ppl_name in c("participants", "disclosures", "responses", "page_times")) {
    ppl_d <- get(ppl_name)
    cat(ppl_name, "rows", nrow(ppl_d), "\n", sep = "\t")
    for (ppl_col in names(ppl_d)) cat(ppl_name, ppl_col, class(ppl_d[[ppl_col]])[1],
      paste(levels(ppl_d[[ppl_col]]), collapse = "|"), "\n", sep = "\t")
  }
}
