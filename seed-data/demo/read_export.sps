* Encoding: UTF-8.
* read_export.sps: reads the export of study privacy-paradox-nl with the types and labels of codebook.csv (labels: en).
* Written by the export from the codebook rows; export again rather than edit it.
* Run it in the export folder: pspp read_export.sps, or in SPSS INSERT FILE='<folder>/read_export.sps' CD=YES.

* participants.csv.
GET DATA
  /TYPE=TXT
  /FILE='participants.csv'
  /ENCODING='UTF-8'
  /ARRANGEMENT=DELIMITED
  /DELCASE=LINE
  /FIRSTCASE=2
  /DELIMITERS=','
  /QUALIFIER='"'
  /VARIABLES=
    participant_id A64
    study_id A64
    study_version F40.0
    arm A64
    arm_discount A1
    arm_notice A7
    block_order A18
    language A2
    status A11
    ppl_text_1 A20
    ppl_text_2 A20
    duration_s F40.0
    attention_passed F40.0
    iuipc_ctrl1 F40.0
    iuipc_ctrl2 F40.0
    iuipc_awa1 F40.0
    iuipc_awa2 F40.0
    iuipc_coll1 F40.0
    attention_check F40.0
    iuipc_coll2 F40.0
    iuipc_coll3 F40.0
    iuipc_coll4 F40.0
    seg_lost_control F40.0
    seg_companies_proper F40.0
    seg_law_protects F40.0
    tradeoff_privacy_over_service F40.0
    will_dob F40.0
    will_mobile F40.0
    will_income F40.0
    will_bsn F40.0
    will_employer F40.0
    will_child_adhd F40.0
    will_friends_emails F40.0
    age_band A10
    gender A10
    checkout_outcome A9
    offer_name F40.0
    offer_postcode F40.0
    offer_house_number F40.0
    offer_street F40.0
    offer_town F40.0
    offer_email F40.0
    offer_dob F40.0
    offer_mobile F40.0
    offer_income F40.0
    offer_bsn F40.0
    offer_employer F40.0
    offer_child_adhd F40.0
    offer_friends_emails F40.0
    granted_name F40.0
    granted_postcode F40.0
    granted_house_number F40.0
    granted_street F40.0
    granted_town F40.0
    granted_email F40.0
    granted_dob F40.0
    granted_mobile F40.0
    granted_income F40.0
    granted_bsn F40.0
    granted_employer F40.0
    granted_child_adhd F40.0
    granted_friends_emails F40.0
    disclosed_name F40.0
    disclosed_postcode F40.0
    disclosed_house_number F40.0
    disclosed_street F40.0
    disclosed_town F40.0
    disclosed_email F40.0
    disclosed_dob F40.0
    disclosed_mobile F40.0
    disclosed_income F40.0
    disclosed_bsn F40.0
    disclosed_employer F40.0
    disclosed_child_adhd F40.0
    disclosed_friends_emails F40.0
    plausible_name F40.0
    plausible_postcode F40.0
    plausible_house_number F40.0
    plausible_street F40.0
    plausible_town F40.0
    plausible_email F40.0
    plausible_dob F40.0
    plausible_mobile F40.0
    plausible_income F40.0
    plausible_bsn F40.0
    plausible_employer F40.0
    plausible_child_adhd F40.0
    plausible_friends_emails F40.0
    discount_pct F40.0
    amount_to_pay F40.0
    privacy_statement_opened F40.0
    privacy_statement_ms F40.0
    behaviour_consent F40.0
    flag_attention_failed F40.0
    flag_speeder F40.0
    flag_straightlining F40.0
    repeat_entries F40.0
    pilot F40.0.
COMPUTE started_at = $SYSMIS.
IF (ppl_text_1 <> '') started_at = NUMBER(SUBSTR(ppl_text_1, 1, 10), SDATE10) + NUMBER(SUBSTR(ppl_text_1, 12, 8), TIME8).
COMPUTE completed_at = $SYSMIS.
IF (ppl_text_2 <> '') completed_at = NUMBER(SUBSTR(ppl_text_2, 1, 10), SDATE10) + NUMBER(SUBSTR(ppl_text_2, 12, 8), TIME8).
ADD FILES FILE=* /KEEP=participant_id study_id study_version arm arm_discount arm_notice block_order language
  status started_at completed_at duration_s attention_passed iuipc_ctrl1 iuipc_ctrl2 iuipc_awa1
  iuipc_awa2 iuipc_coll1 attention_check iuipc_coll2 iuipc_coll3 iuipc_coll4 seg_lost_control seg_companies_proper
  seg_law_protects tradeoff_privacy_over_service will_dob will_mobile will_income will_bsn will_employer will_child_adhd
  will_friends_emails age_band gender checkout_outcome offer_name offer_postcode offer_house_number offer_street
  offer_town offer_email offer_dob offer_mobile offer_income offer_bsn offer_employer offer_child_adhd
  offer_friends_emails granted_name granted_postcode granted_house_number granted_street granted_town granted_email granted_dob
  granted_mobile granted_income granted_bsn granted_employer granted_child_adhd granted_friends_emails disclosed_name disclosed_postcode
  disclosed_house_number disclosed_street disclosed_town disclosed_email disclosed_dob disclosed_mobile disclosed_income disclosed_bsn
  disclosed_employer disclosed_child_adhd disclosed_friends_emails plausible_name plausible_postcode plausible_house_number plausible_street plausible_town
  plausible_email plausible_dob plausible_mobile plausible_income plausible_bsn plausible_employer plausible_child_adhd plausible_friends_emails
  discount_pct amount_to_pay privacy_statement_opened privacy_statement_ms behaviour_consent flag_attention_failed flag_speeder flag_straightlining
  repeat_entries pilot.
FORMATS
  study_version (F12.0)
  started_at (DATETIME20)
  completed_at (DATETIME20)
  duration_s (F12.3)
  attention_passed (F1.0)
  iuipc_ctrl1 (F3.0)
  iuipc_ctrl2 (F3.0)
  iuipc_awa1 (F3.0)
  iuipc_awa2 (F3.0)
  iuipc_coll1 (F3.0)
  attention_check (F3.0)
  iuipc_coll2 (F3.0)
  iuipc_coll3 (F3.0)
  iuipc_coll4 (F3.0)
  seg_lost_control (F3.0)
  seg_companies_proper (F3.0)
  seg_law_protects (F3.0)
  tradeoff_privacy_over_service (F3.0)
  will_dob (F1.0)
  will_mobile (F1.0)
  will_income (F1.0)
  will_bsn (F1.0)
  will_employer (F1.0)
  will_child_adhd (F1.0)
  will_friends_emails (F1.0)
  offer_name (F12.3)
  offer_postcode (F12.3)
  offer_house_number (F12.3)
  offer_street (F12.3)
  offer_town (F12.3)
  offer_email (F12.3)
  offer_dob (F12.3)
  offer_mobile (F12.3)
  offer_income (F12.3)
  offer_bsn (F12.3)
  offer_employer (F12.3)
  offer_child_adhd (F12.3)
  offer_friends_emails (F12.3)
  granted_name (F12.3)
  granted_postcode (F12.3)
  granted_house_number (F12.3)
  granted_street (F12.3)
  granted_town (F12.3)
  granted_email (F12.3)
  granted_dob (F12.3)
  granted_mobile (F12.3)
  granted_income (F12.3)
  granted_bsn (F12.3)
  granted_employer (F12.3)
  granted_child_adhd (F12.3)
  granted_friends_emails (F12.3)
  disclosed_name (F1.0)
  disclosed_postcode (F1.0)
  disclosed_house_number (F1.0)
  disclosed_street (F1.0)
  disclosed_town (F1.0)
  disclosed_email (F1.0)
  disclosed_dob (F1.0)
  disclosed_mobile (F1.0)
  disclosed_income (F1.0)
  disclosed_bsn (F1.0)
  disclosed_employer (F1.0)
  disclosed_child_adhd (F1.0)
  disclosed_friends_emails (F1.0)
  plausible_name (F1.0)
  plausible_postcode (F1.0)
  plausible_house_number (F1.0)
  plausible_street (F1.0)
  plausible_town (F1.0)
  plausible_email (F1.0)
  plausible_dob (F1.0)
  plausible_mobile (F1.0)
  plausible_income (F1.0)
  plausible_bsn (F1.0)
  plausible_employer (F1.0)
  plausible_child_adhd (F1.0)
  plausible_friends_emails (F1.0)
  discount_pct (F12.3)
  amount_to_pay (F12.3)
  privacy_statement_opened (F1.0)
  privacy_statement_ms (F12.0)
  behaviour_consent (F1.0)
  flag_attention_failed (F1.0)
  flag_speeder (F1.0)
  flag_straightlining (F1.0)
  repeat_entries (F12.0)
  pilot (F1.0).
VARIABLE LABELS participant_id 'Opaque pseudonym of the participant'
  / study_id 'Study id'
  / study_version 'Version of the study file the participant saw'
  / arm 'Between-subject cell, factor=level pairs joined by ;'
  / arm_discount 'Level of factor discount'
  / arm_notice 'Level of factor notice'
  / block_order 'Blocks in the order shown'
  / language 'Language the participant used'
  / status 'Completed, in progress, or abandoned (no request for 24 hour' +
    's)'
  / started_at 'Consent given'
  / completed_at 'Session completed'
  / duration_s 'Seconds from start to completion'
  / attention_passed 'Attention check passed'
  / iuipc_ctrl1 'Consumer online privacy is really a matter of consumers'' rig' +
    'ht to exercise control and autonomy over decisions about how' +
    ' their information is collected, used, and shared.'
  / iuipc_ctrl2 'Consumer control of personal information lies at the heart o' +
    'f consumer privacy.'
  / iuipc_awa1 'Companies seeking information online should disclose the way' +
    ' the data are collected, processed, and used.'
  / iuipc_awa2 'A good consumer online privacy policy should have a clear an' +
    'd conspicuous disclosure.'
  / iuipc_coll1 'It usually bothers me when online companies ask me for perso' +
    'nal information.'
  / attention_check 'To show that you read carefully: choose ''Disagree'' here.'
  / iuipc_coll2 'When online companies ask me for personal information, I som' +
    'etimes think twice before providing it.'
  / iuipc_coll3 'It bothers me to give personal information to so many online' +
    ' companies.'
  / iuipc_coll4 'I''m concerned that online companies are collecting too much ' +
    'personal information about me.'
  / seg_lost_control 'Consumers have lost all control over how personal informatio' +
    'n is collected and used by companies.'
  / seg_companies_proper 'Most businesses handle the personal information they collect' +
    ' about consumers in a proper and confidential way.'
  / seg_law_protects 'Existing laws and organizational practices provide a reasona' +
    'ble level of protection for consumer privacy today.'
  / tradeoff_privacy_over_service 'My privacy matters more to me than the best possible service' +
    '.'
  / will_dob 'Would you give a web shop your date of birth in exchange for' +
    ' a discount?'
  / will_mobile 'Would you give a web shop your mobile number in exchange for' +
    ' a discount?'
  / will_income 'Would you give a web shop your monthly net income in exchang' +
    'e for a discount?'
  / will_bsn 'Would you give a web shop your citizen service number (BSN) ' +
    'in exchange for a discount?'
  / will_employer 'Would you give a web shop the name of your employer in excha' +
    'nge for a discount?'
  / will_child_adhd 'Would you tell a web shop whether a child in your household ' +
    'has ADHD, in exchange for a discount?'
  / will_friends_emails 'Would you give a web shop your friends'' e-mail addresses in ' +
    'exchange for a discount?'
  / age_band 'What is your age?'
  / gender 'What is your gender?'
  / checkout_outcome 'How the checkout ended; empty when not reached'
  / offer_name 'Discount percent offered next to: Name'
  / offer_postcode 'Discount percent offered next to: Postcode'
  / offer_house_number 'Discount percent offered next to: House number and addition'
  / offer_street 'Discount percent offered next to: Street'
  / offer_town 'Discount percent offered next to: Town'
  / offer_email 'Discount percent offered next to: E-mail address'
  / offer_dob 'Discount percent offered next to: Date of birth'
  / offer_mobile 'Discount percent offered next to: Mobile number'
  / offer_income 'Discount percent offered next to: Monthly net income (€)'
  / offer_bsn 'Discount percent offered next to: Citizen service number (BS' +
    'N)'
  / offer_employer 'Discount percent offered next to: Employer'
  / offer_child_adhd 'Discount percent offered next to: Does a child in your house' +
    'hold have ADHD?'
  / offer_friends_emails 'Discount percent offered next to: Friends'' e-mail addresses ' +
    '(we send them a discount code too)'
  / granted_name 'Discount percent granted for: Name (the offer when given, el' +
    'se 0; empty when the checkout did not end)'
  / granted_postcode 'Discount percent granted for: Postcode (the offer when given' +
    ', else 0; empty when the checkout did not end)'
  / granted_house_number 'Discount percent granted for: House number and addition (the' +
    ' offer when given, else 0; empty when the checkout did not e' +
    'nd)'
  / granted_street 'Discount percent granted for: Street (the offer when given, ' +
    'else 0; empty when the checkout did not end)'
  / granted_town 'Discount percent granted for: Town (the offer when given, el' +
    'se 0; empty when the checkout did not end)'
  / granted_email 'Discount percent granted for: E-mail address (the offer when' +
    ' given, else 0; empty when the checkout did not end)'
  / granted_dob 'Discount percent granted for: Date of birth (the offer when ' +
    'given, else 0; empty when the checkout did not end)'
  / granted_mobile 'Discount percent granted for: Mobile number (the offer when ' +
    'given, else 0; empty when the checkout did not end)'
  / granted_income 'Discount percent granted for: Monthly net income (€) (the of' +
    'fer when given, else 0; empty when the checkout did not end)'
  / granted_bsn 'Discount percent granted for: Citizen service number (BSN) (' +
    'the offer when given, else 0; empty when the checkout did no' +
    't end)'
  / granted_employer 'Discount percent granted for: Employer (the offer when given' +
    ', else 0; empty when the checkout did not end)'
  / granted_child_adhd 'Discount percent granted for: Does a child in your household' +
    ' have ADHD? (the offer when given, else 0; empty when the ch' +
    'eckout did not end)'
  / granted_friends_emails 'Discount percent granted for: Friends'' e-mail addresses (we ' +
    'send them a discount code too) (the offer when given, else 0' +
    '; empty when the checkout did not end)'
  / disclosed_name 'Something entered in: Name (an answer like ''prefer not to sa' +
    'y'' counts as 0)'
  / disclosed_postcode 'Something entered in: Postcode (an answer like ''prefer not t' +
    'o say'' counts as 0)'
  / disclosed_house_number 'Something entered in: House number and addition (an answer l' +
    'ike ''prefer not to say'' counts as 0)'
  / disclosed_street 'Something entered in: Street (an answer like ''prefer not to ' +
    'say'' counts as 0)'
  / disclosed_town 'Something entered in: Town (an answer like ''prefer not to sa' +
    'y'' counts as 0)'
  / disclosed_email 'Something entered in: E-mail address (an answer like ''prefer' +
    ' not to say'' counts as 0)'
  / disclosed_dob 'Something entered in: Date of birth (an answer like ''prefer ' +
    'not to say'' counts as 0)'
  / disclosed_mobile 'Something entered in: Mobile number (an answer like ''prefer ' +
    'not to say'' counts as 0)'
  / disclosed_income 'Something entered in: Monthly net income (€) (an answer like' +
    ' ''prefer not to say'' counts as 0)'
  / disclosed_bsn 'Something entered in: Citizen service number (BSN) (an answe' +
    'r like ''prefer not to say'' counts as 0)'
  / disclosed_employer 'Something entered in: Employer (an answer like ''prefer not t' +
    'o say'' counts as 0)'
  / disclosed_child_adhd 'Something entered in: Does a child in your household have AD' +
    'HD? (an answer like ''prefer not to say'' counts as 0)'
  / disclosed_friends_emails 'Something entered in: Friends'' e-mail addresses (we send the' +
    'm a discount code too) (an answer like ''prefer not to say'' c' +
    'ounts as 0)'
  / plausible_name 'Entry plausible (1) or fake-looking (0): Name'
  / plausible_postcode 'Entry plausible (1) or fake-looking (0): Postcode'
  / plausible_house_number 'Entry plausible (1) or fake-looking (0): House number and ad' +
    'dition'
  / plausible_street 'Entry plausible (1) or fake-looking (0): Street'
  / plausible_town 'Entry plausible (1) or fake-looking (0): Town'
  / plausible_email 'Entry plausible (1) or fake-looking (0): E-mail address'
  / plausible_dob 'Entry plausible (1) or fake-looking (0): Date of birth'
  / plausible_mobile 'Entry plausible (1) or fake-looking (0): Mobile number'
  / plausible_income 'Entry plausible (1) or fake-looking (0): Monthly net income ' +
    '(€)'
  / plausible_bsn 'Entry plausible (1) or fake-looking (0): Citizen service num' +
    'ber (BSN)'
  / plausible_employer 'Entry plausible (1) or fake-looking (0): Employer'
  / plausible_child_adhd 'Entry plausible (1) or fake-looking (0): Does a child in you' +
    'r household have ADHD?'
  / plausible_friends_emails 'Entry plausible (1) or fake-looking (0): Friends'' e-mail add' +
    'resses (we send them a discount code too)'
  / discount_pct 'Total discount percent granted at the checkout (the sum of g' +
    'ranted_); empty when the checkout did not end'
  / amount_to_pay 'Amount to pay for the order in EUR, as the order confirmatio' +
    'n showed; empty when no order was placed'
  / privacy_statement_opened 'Opened the shop''s privacy statement: 1 = its page was shown,' +
    ' or the browser reported it open at the checkout (requireScr' +
    'oll cell: its box in view); 0 = reported not; empty without ' +
    'JavaScript and its page not shown, or if the checkout did no' +
    't end'
  / privacy_statement_ms 'Milliseconds the privacy statement was open on the checkout ' +
    'page (requireScroll cell: its box in view), measured in the ' +
    'browser; 0 = not opened there; its own page is not timed; em' +
    'pty without JavaScript or when the checkout did not end'
  / behaviour_consent 'Debrief question: may the researchers use the data of what t' +
    'he participant did in the shop? 1 = yes, may use; 0 = no (th' +
    'e shop columns are then empty); empty before the debrief'
  / flag_attention_failed 'Failed the attention check; empty when not reached'
  / flag_speeder 'Completed faster than the study''s declared speeder rule (spe' +
    'eders: duration_s below 0.3 x the median duration_s); empty ' +
    'when not completed'
  / flag_straightlining 'Same answer on every Likert item of a page with a reverse-co' +
    'ded item (some such page); empty when no such page was answe' +
    'red in full'
  / repeat_entries 'Later entries with the same panel id without this participan' +
    't''s cookie (other browser or device, resumed or refused); a ' +
    'double click is not counted'
  / pilot 'Pilot participant (entered while the study was in pilot, or ' +
    'simulated); always 0 unless exported with --include-pilot'.
VALUE LABELS attention_passed
  1 'yes'
  0 'no'.
VALUE LABELS iuipc_ctrl1
  1 'Strongly disagree'
  2 'Disagree'
  3 'Somewhat disagree'
  4 'Neither agree nor disagree'
  5 'Somewhat agree'
  6 'Agree'
  7 'Strongly agree'.
VALUE LABELS iuipc_ctrl2
  1 'Strongly disagree'
  2 'Disagree'
  3 'Somewhat disagree'
  4 'Neither agree nor disagree'
  5 'Somewhat agree'
  6 'Agree'
  7 'Strongly agree'.
VALUE LABELS iuipc_awa1
  1 'Strongly disagree'
  2 'Disagree'
  3 'Somewhat disagree'
  4 'Neither agree nor disagree'
  5 'Somewhat agree'
  6 'Agree'
  7 'Strongly agree'.
VALUE LABELS iuipc_awa2
  1 'Strongly disagree'
  2 'Disagree'
  3 'Somewhat disagree'
  4 'Neither agree nor disagree'
  5 'Somewhat agree'
  6 'Agree'
  7 'Strongly agree'.
VALUE LABELS iuipc_coll1
  1 'Strongly disagree'
  2 'Disagree'
  3 'Somewhat disagree'
  4 'Neither agree nor disagree'
  5 'Somewhat agree'
  6 'Agree'
  7 'Strongly agree'.
VALUE LABELS attention_check
  1 'Strongly disagree'
  2 'Disagree'
  3 'Somewhat disagree'
  4 'Neither agree nor disagree'
  5 'Somewhat agree'
  6 'Agree'
  7 'Strongly agree'.
VALUE LABELS iuipc_coll2
  1 'Strongly disagree'
  2 'Disagree'
  3 'Somewhat disagree'
  4 'Neither agree nor disagree'
  5 'Somewhat agree'
  6 'Agree'
  7 'Strongly agree'.
VALUE LABELS iuipc_coll3
  1 'Strongly disagree'
  2 'Disagree'
  3 'Somewhat disagree'
  4 'Neither agree nor disagree'
  5 'Somewhat agree'
  6 'Agree'
  7 'Strongly agree'.
VALUE LABELS iuipc_coll4
  1 'Strongly disagree'
  2 'Disagree'
  3 'Somewhat disagree'
  4 'Neither agree nor disagree'
  5 'Somewhat agree'
  6 'Agree'
  7 'Strongly agree'.
VALUE LABELS seg_lost_control
  1 'Strongly disagree'
  2 'Somewhat disagree'
  3 'Somewhat agree'
  4 'Strongly agree'.
VALUE LABELS seg_companies_proper
  1 'Strongly disagree'
  2 'Somewhat disagree'
  3 'Somewhat agree'
  4 'Strongly agree'.
VALUE LABELS seg_law_protects
  1 'Strongly disagree'
  2 'Somewhat disagree'
  3 'Somewhat agree'
  4 'Strongly agree'.
VALUE LABELS tradeoff_privacy_over_service
  1 'Strongly disagree'
  2 'Disagree'
  3 'Somewhat disagree'
  4 'Neither agree nor disagree'
  5 'Somewhat agree'
  6 'Agree'
  7 'Strongly agree'.
VALUE LABELS will_dob
  1 'yes'
  0 'no'.
VALUE LABELS will_mobile
  1 'yes'
  0 'no'.
VALUE LABELS will_income
  1 'yes'
  0 'no'.
VALUE LABELS will_bsn
  1 'yes'
  0 'no'.
VALUE LABELS will_employer
  1 'yes'
  0 'no'.
VALUE LABELS will_child_adhd
  1 'yes'
  0 'no'.
VALUE LABELS will_friends_emails
  1 'yes'
  0 'no'.
VALUE LABELS age_band
  '18-24' '18-24 years'
  '25-34' '25-34 years'
  '35-44' '35-44 years'
  '45-54' '45-54 years'
  '55-64' '55-64 years'
  '65+' '65 years or older'
  'prefer_not' 'Prefer not to say'.
VALUE LABELS gender
  'female' 'Woman'
  'male' 'Man'
  'other' 'Other'
  'prefer_not' 'Prefer not to say'.
VALUE LABELS disclosed_name
  1 'yes'
  0 'no'.
VALUE LABELS disclosed_postcode
  1 'yes'
  0 'no'.
VALUE LABELS disclosed_house_number
  1 'yes'
  0 'no'.
VALUE LABELS disclosed_street
  1 'yes'
  0 'no'.
VALUE LABELS disclosed_town
  1 'yes'
  0 'no'.
VALUE LABELS disclosed_email
  1 'yes'
  0 'no'.
VALUE LABELS disclosed_dob
  1 'yes'
  0 'no'.
VALUE LABELS disclosed_mobile
  1 'yes'
  0 'no'.
VALUE LABELS disclosed_income
  1 'yes'
  0 'no'.
VALUE LABELS disclosed_bsn
  1 'yes'
  0 'no'.
VALUE LABELS disclosed_employer
  1 'yes'
  0 'no'.
VALUE LABELS disclosed_child_adhd
  1 'yes'
  0 'no'.
VALUE LABELS disclosed_friends_emails
  1 'yes'
  0 'no'.
VALUE LABELS plausible_name
  1 'yes'
  0 'no'.
VALUE LABELS plausible_postcode
  1 'yes'
  0 'no'.
VALUE LABELS plausible_house_number
  1 'yes'
  0 'no'.
VALUE LABELS plausible_street
  1 'yes'
  0 'no'.
VALUE LABELS plausible_town
  1 'yes'
  0 'no'.
VALUE LABELS plausible_email
  1 'yes'
  0 'no'.
VALUE LABELS plausible_dob
  1 'yes'
  0 'no'.
VALUE LABELS plausible_mobile
  1 'yes'
  0 'no'.
VALUE LABELS plausible_income
  1 'yes'
  0 'no'.
VALUE LABELS plausible_bsn
  1 'yes'
  0 'no'.
VALUE LABELS plausible_employer
  1 'yes'
  0 'no'.
VALUE LABELS plausible_child_adhd
  1 'yes'
  0 'no'.
VALUE LABELS plausible_friends_emails
  1 'yes'
  0 'no'.
VALUE LABELS privacy_statement_opened
  1 'yes'
  0 'no'.
VALUE LABELS behaviour_consent
  1 'yes'
  0 'no'.
VALUE LABELS flag_attention_failed
  1 'yes'
  0 'no'.
VALUE LABELS flag_speeder
  1 'yes'
  0 'no'.
VALUE LABELS flag_straightlining
  1 'yes'
  0 'no'.
VALUE LABELS pilot
  1 'yes'
  0 'no'.
MISSING VALUES participant_id study_id arm arm_discount arm_notice block_order language status age_band gender checkout_outcome ('').
VARIABLE LEVEL participant_id study_id arm arm_discount arm_notice block_order language status attention_passed will_dob will_mobile will_income will_bsn will_employer will_child_adhd will_friends_emails age_band gender checkout_outcome disclosed_name disclosed_postcode disclosed_house_number disclosed_street disclosed_town disclosed_email disclosed_dob disclosed_mobile disclosed_income disclosed_bsn disclosed_employer disclosed_child_adhd disclosed_friends_emails plausible_name plausible_postcode plausible_house_number plausible_street plausible_town plausible_email plausible_dob plausible_mobile plausible_income plausible_bsn plausible_employer plausible_child_adhd plausible_friends_emails privacy_statement_opened behaviour_consent flag_attention_failed flag_speeder flag_straightlining pilot (NOMINAL)
  /iuipc_ctrl1 iuipc_ctrl2 iuipc_awa1 iuipc_awa2 iuipc_coll1 attention_check iuipc_coll2 iuipc_coll3 iuipc_coll4 seg_lost_control seg_companies_proper seg_law_protects tradeoff_privacy_over_service (ORDINAL)
  /study_version started_at completed_at duration_s offer_name offer_postcode offer_house_number offer_street offer_town offer_email offer_dob offer_mobile offer_income offer_bsn offer_employer offer_child_adhd offer_friends_emails granted_name granted_postcode granted_house_number granted_street granted_town granted_email granted_dob granted_mobile granted_income granted_bsn granted_employer granted_child_adhd granted_friends_emails discount_pct amount_to_pay privacy_statement_ms repeat_entries (SCALE).
VARIABLE ATTRIBUTE VARIABLES=iuipc_ctrl1 ATTRIBUTE=reverse_coded('0') construct('concern.control') scale_min('1') scale_max('7').
VARIABLE ATTRIBUTE VARIABLES=iuipc_ctrl2 ATTRIBUTE=reverse_coded('0') construct('concern.control') scale_min('1') scale_max('7').
VARIABLE ATTRIBUTE VARIABLES=iuipc_awa1 ATTRIBUTE=reverse_coded('0') construct('concern.awareness') scale_min('1') scale_max('7').
VARIABLE ATTRIBUTE VARIABLES=iuipc_awa2 ATTRIBUTE=reverse_coded('0') construct('concern.awareness') scale_min('1') scale_max('7').
VARIABLE ATTRIBUTE VARIABLES=iuipc_coll1 ATTRIBUTE=reverse_coded('0') construct('concern.collection') scale_min('1') scale_max('7').
VARIABLE ATTRIBUTE VARIABLES=attention_check ATTRIBUTE=reverse_coded('0') construct('attention') scale_min('1') scale_max('7').
VARIABLE ATTRIBUTE VARIABLES=iuipc_coll2 ATTRIBUTE=reverse_coded('0') construct('concern.collection') scale_min('1') scale_max('7').
VARIABLE ATTRIBUTE VARIABLES=iuipc_coll3 ATTRIBUTE=reverse_coded('0') construct('concern.collection') scale_min('1') scale_max('7').
VARIABLE ATTRIBUTE VARIABLES=iuipc_coll4 ATTRIBUTE=reverse_coded('0') construct('concern.collection') scale_min('1') scale_max('7').
VARIABLE ATTRIBUTE VARIABLES=seg_lost_control ATTRIBUTE=reverse_coded('0') construct('westin') scale_min('1') scale_max('4').
VARIABLE ATTRIBUTE VARIABLES=seg_companies_proper ATTRIBUTE=reverse_coded('0') construct('westin') scale_min('1') scale_max('4').
VARIABLE ATTRIBUTE VARIABLES=seg_law_protects ATTRIBUTE=reverse_coded('0') construct('westin') scale_min('1') scale_max('4').
VARIABLE ATTRIBUTE VARIABLES=tradeoff_privacy_over_service ATTRIBUTE=reverse_coded('0') construct('tradeoff') scale_min('1') scale_max('7').
VARIABLE ATTRIBUTE VARIABLES=will_dob ATTRIBUTE=reverse_coded('0') construct('willingness').
VARIABLE ATTRIBUTE VARIABLES=will_mobile ATTRIBUTE=reverse_coded('0') construct('willingness').
VARIABLE ATTRIBUTE VARIABLES=will_income ATTRIBUTE=reverse_coded('0') construct('willingness').
VARIABLE ATTRIBUTE VARIABLES=will_bsn ATTRIBUTE=reverse_coded('0') construct('willingness').
VARIABLE ATTRIBUTE VARIABLES=will_employer ATTRIBUTE=reverse_coded('0') construct('willingness').
VARIABLE ATTRIBUTE VARIABLES=will_child_adhd ATTRIBUTE=reverse_coded('0') construct('willingness').
VARIABLE ATTRIBUTE VARIABLES=will_friends_emails ATTRIBUTE=reverse_coded('0') construct('willingness').
VARIABLE ATTRIBUTE VARIABLES=age_band ATTRIBUTE=reverse_coded('0') construct('demographics').
VARIABLE ATTRIBUTE VARIABLES=gender ATTRIBUTE=reverse_coded('0') construct('demographics').
SAVE OUTFILE='participants.sav'.

* disclosures.csv.
GET DATA
  /TYPE=TXT
  /FILE='disclosures.csv'
  /ENCODING='UTF-8'
  /ARRANGEMENT=DELIMITED
  /DELCASE=LINE
  /FIRSTCASE=2
  /DELIMITERS=','
  /QUALIFIER='"'
  /VARIABLES=
    participant_id A64
    field A14
    necessity A8
    sensitivity F40.0
    offer_pct F40.0
    granted_pct F40.0
    stated_item A64
    stated_willing F40.0
    disclosed F40.0
    plausible F40.0
    time_on_field_ms F40.0
    disclosure_mode A7
    autocomplete A64.
FORMATS
  sensitivity (F12.0)
  offer_pct (F12.3)
  granted_pct (F12.3)
  stated_willing (F1.0)
  disclosed (F1.0)
  plausible (F1.0)
  time_on_field_ms (F12.0).
VARIABLE LABELS participant_id 'Opaque pseudonym of the participant'
  / field 'Checkout field key'
  / necessity 'Needed to deliver the order, or optional'
  / sensitivity 'Sensitivity of the field, 1 (harmless) to 5'
  / offer_pct 'Discount percent offered for the field'
  / granted_pct 'Discount percent the field added to the order (the offer whe' +
    'n given, else 0)'
  / stated_item 'Key of the paired stated-willingness item'
  / stated_willing 'Answer to the paired item'
  / disclosed 'Something entered (choice mode: sharing ticked) when the ord' +
    'er was placed (an answer like ''prefer not to say'' counts as ' +
    '0)'
  / plausible 'Entry plausible (1) or fake-looking (0); empty when nothing ' +
    'entered or in choice mode'
  / time_on_field_ms 'Milliseconds spent in the field'
  / disclosure_mode 'How disclosure was measured: typed and classified on the ser' +
    'ver, typed and classified in the browser, or a tick to share' +
    ' (no plausibility)'
  / autocomplete 'Autofill the study allowed: the field''s autocomplete token (' +
    'the browser may fill it in, so a value may not have been typ' +
    'ed), off (asked not to); empty in choice mode'.
VALUE LABELS stated_willing
  1 'yes'
  0 'no'.
VALUE LABELS disclosed
  1 'yes'
  0 'no'.
VALUE LABELS plausible
  1 'yes'
  0 'no'.
VALUE LABELS disclosure_mode
  'server' 'typed, classified on the server'
  'browser' 'typed, classified in the browser'
  'choice' 'ticked to share, nothing typed'.
MISSING VALUES participant_id field necessity stated_item disclosure_mode autocomplete ('').
VARIABLE LEVEL participant_id field necessity stated_item stated_willing disclosed plausible disclosure_mode autocomplete (NOMINAL)
  /sensitivity offer_pct granted_pct time_on_field_ms (SCALE).
SAVE OUTFILE='disclosures.sav'.

* responses.csv.
GET DATA
  /TYPE=TXT
  /FILE='responses.csv'
  /ENCODING='UTF-8'
  /ARRANGEMENT=DELIMITED
  /DELCASE=LINE
  /FIRSTCASE=2
  /DELIMITERS=','
  /QUALIFIER='"'
  /VARIABLES=
    participant_id A64
    page A64
    item A64
    value A64
    ppl_text_1 A20.
COMPUTE answered_at = $SYSMIS.
IF (ppl_text_1 <> '') answered_at = NUMBER(SUBSTR(ppl_text_1, 1, 10), SDATE10) + NUMBER(SUBSTR(ppl_text_1, 12, 8), TIME8).
ADD FILES FILE=* /KEEP=participant_id page item value answered_at.
FORMATS
  answered_at (DATETIME20).
VARIABLE LABELS participant_id 'Opaque pseudonym of the participant'
  / page 'Questionnaire page key'
  / item 'Item key'
  / value 'Answer, coded as in participants.csv'
  / answered_at 'When the page with the answer was submitted'.
MISSING VALUES participant_id page item value ('').
VARIABLE LEVEL participant_id page item value (NOMINAL)
  /answered_at (SCALE).
SAVE OUTFILE='responses.sav'.

* page_times.csv.
GET DATA
  /TYPE=TXT
  /FILE='page_times.csv'
  /ENCODING='UTF-8'
  /ARRANGEMENT=DELIMITED
  /DELCASE=LINE
  /FIRSTCASE=2
  /DELIMITERS=','
  /QUALIFIER='"'
  /VARIABLES=
    participant_id A64
    page A64
    ppl_text_1 A20
    ppl_text_2 A20
    seconds F40.0.
COMPUTE shown_at = $SYSMIS.
IF (ppl_text_1 <> '') shown_at = NUMBER(SUBSTR(ppl_text_1, 1, 10), SDATE10) + NUMBER(SUBSTR(ppl_text_1, 12, 8), TIME8).
COMPUTE submitted_at = $SYSMIS.
IF (ppl_text_2 <> '') submitted_at = NUMBER(SUBSTR(ppl_text_2, 1, 10), SDATE10) + NUMBER(SUBSTR(ppl_text_2, 12, 8), TIME8).
ADD FILES FILE=* /KEEP=participant_id page shown_at submitted_at seconds.
FORMATS
  shown_at (DATETIME20)
  submitted_at (DATETIME20)
  seconds (F12.3).
VARIABLE LABELS participant_id 'Opaque pseudonym of the participant'
  / page 'Page name'
  / shown_at 'Page shown'
  / submitted_at 'Page submitted; empty when not submitted'
  / seconds 'Seconds on the page'.
MISSING VALUES participant_id page ('').
VARIABLE LEVEL participant_id page (NOMINAL)
  /shown_at submitted_at seconds (SCALE).
SAVE OUTFILE='page_times.sav'.
