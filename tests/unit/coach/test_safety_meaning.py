"""Safety by class of meaning (the seventh pass, after dev17): each class the rules read, said in
wordings written for this test, none of them a labelled line; and look-alikes of each class that
must stay free of `safety`, since a false `safety` replaces all of a message's coaching with crisis
pointers. The danger is read by the rules alone (the net switched off); the look-alikes by the
whole coach (rules and net)."""

from __future__ import annotations

import pytest

from tending.coach.analyzer import Coach, load_coach
from tending.coach.data_files import read_data_text
from tending.coach.learned import NAME, LearnedModel, parse_learned
from tending.coach.learned_features import class_map
from tending.coach.rules import load_engine

# classes, in order: would anyone notice / better off without me; means, method and place;
# farewells; the passive wish to die; urges feared; self-injury; choking, smothering, burning,
# beating; sexual coercion; children at risk; threats to others, calls for help; confinement,
# watching, papers taken; chat forms (kms, unalive, sewerslide, yeet)
DANGER = (
    "would anybody actually notice if i stopped existing",
    "if i vanished tomorrow would anyone even care",
    "does it matter to anyone if i was gone",
    "everybody would be happier without me around",
    "my family would be so much better without me",
    "the world would carry on fine without me",
    "how many paracetamol does it take to kill you",
    "what is the easiest way to die without pain",
    "I looked up how many of my tablets would be fatal",
    "i am going to swallow everything in the medicine cabinet tonight",
    "been staring at the pills on my bedside table all night",
    "i keep looking at the knife in the drawer",
    "this is the last text you will ever get from me",
    "you won't hear from me again, look after yourselves",
    "goodbye everyone, sorry for everything",
    "when i'm gone, please look after my dog",
    "i wrote a list of who gets my things",
    "I keep hoping I won't wake up in the morning",
    "i pray every night that i die in my sleep",
    "kind of hoping a lorry hits me on the way home",
    "I can't see myself making it to next year and I'm ok with that",
    "thinking of ending it all is the only thing that helps me sleep",
    "i'm scared of what i might do to myself tonight",
    "i don't trust myself around the pills right now",
    "burned myself with a cigarette again last night",
    "I held the razor against my wrist for an hour",
    "i bang my head against the wall until it goes quiet",
    "I've not eaten for a week on purpose",
    "he grabbed me by the throat and lifted me off the floor",
    "she put a pillow over my face until I couldn't breathe",
    "he pressed a hot iron to my arm",
    "my husband knocks me about when he's been drinking",
    "every time he gets drunk I end up with bruises",
    "I said no and he didn't stop",
    "he says it can't be rape because we're married",
    "he touches me when i'm asleep",
    "a grown man keeps texting my son and told him to delete the messages",
    "my 13 year old is dating a 24 year old",
    "I'm scared I'm going to shake the baby",
    "he makes our daughter stand outside in the cold as punishment",
    "i'm bringing a knife to school tomorrow",
    "I'm going to stab him when he comes out",
    "please call the police for me, he's downstairs",
    "the kids next door are screaming for help",
    "I'm not allowed to leave the house without him",
    "he forces me to share my location at all times",
    "he put cameras in every room so he can watch me",
    "he locks the door from the outside when he goes to work",
    "unalive myself tonight fr",
    "kms for real this time",
    "i wanna sewerslide",
    "lowkey want to yeet myself off the roof",
    "I'm just so tired, I want to sleep and never wake up",
    "she took my passport and all my papers",
    "i cant carry on anymore",
    "Tonight I'm ending it for good",
)
# look-alikes: figures of speech, games, sport, travel, care, kind tracking, jokes
LOOK_ALIKES = (
    "would anyone notice if I dyed my hair pink",
    "if I wasn't here to remind you, would the bins ever go out lol",
    "everyone would be better off without the new parking rules",
    "how many paracetamol can I take for a headache",
    "what's the easiest way to get to the station",
    "I looked up how far the walk is, about five miles",
    "the tablets are in the medicine cabinet if you need them",
    "looking at the knife block in the shop, it's on sale",
    "this is the last message from me before my flight, love you",
    "goodbye everyone, see you on Monday",
    "it was not her fault the cake fell",
    "when I'm gone on holiday please water the plants",
    "hoping I don't wake the baby when I come in",
    "I hope the bus doesn't stop at every stop today",
    "burnt myself on the oven again, ouch",
    "banging my head against the wall with this spreadsheet",
    "not eating before the blood test on purpose, doctor's orders",
    "I fasted today for Ramadan",
    "he grabbed me by the hand and we danced all night",
    "the cat sat on my face this morning",
    "my 12 year old is playing with a 30 year old man at chess club, he's the coach",
    "I could eat a horse",
    "bringing the knife to carve the roast",
    "I'll call the police for you if they park there again",
    "the kids are screaming with laughter",
    "I'm not allowed to leave the office without signing out",
    "we share our locations, it's handy",
    "we put cameras around the house after the break-in",
    "I fell asleep and didn't wake up till noon",
    "I can't carry on with this diet",
    "I'm finishing the book tonight for good",
    "he took my passport to the post office for the renewal",
    "I'm scared of what I'll do to this cake lol",
    "i don't trust myself near the biscuit tin",
    "I was scared for my life on that rollercoaster",
    "honestly feared for my life during the turbulence",
    "my sister said she's going to kill herself laughing at your costume",
    "he texted that he wants to die of embarrassment after the speech",
    "I might hurt someone's feelings if I say it",
    "I'm going to attack everyone with kisses when I get home",
    "nobody would miss me at the quiz if I stayed in",
    "I feel like ending it early tonight, so sleepy",
    "my mum is making me marry into the family business lol jk",
    "my knives are in front of me on the board, ready to prep",
    "the pills are next to me so I remember to take them with dinner",
    "I relapsed and had a cigarette, gutted",
    "went too deep on the leg press today",
    "my coach asked me to keep our training plan secret from the other team",
    "my boss told me to keep what happens at the meeting between us",
    "he blackmailed me with photos of me asleep on the sofa to do the dishes haha",
    "would it change anything if I stopped going to the gym",
    "everyone would be fine without me at the meeting tomorrow",
    "the team will manage without me for a week",
    "how much paracetamol would it take to fix this headache",
    "best way to end a speech?",
    "what's the quickest way to die in Minecraft",
    "looked up how long the drive is, four hours",
    "the rope swing is high enough over the river",
    "I keep staring at the blades of the fan, I'm so bored",
    "I found a spot where nobody would find me to read my book in peace",
    "this is the last message you'll get from me before I board, see you in a week",
    "tell her it wasn't her fault, the ferry was cancelled",
    "when I'm gone to uni, can you feed the cat",
    "remember me as I was before the haircut lol",
    "please don't be mad at me for what I'm about to do to your playlist",
    "I hope I don't wake up the whole house coming in late",
    "i wish the bus would not stop at every corner",
    "not sure I'll still be here by Christmas, the contract ends in November",
    "burnt myself with the lighter lighting the candles",
    "I cut myself again shaving, ugh",
    "put the iron on my shirt please",
    "every time he drinks coffee he gets jittery and talks loads",
    "my dad broke my phone screen again",
    "I said no to the job and they didn't stop calling",
    "it isn't rape, it's a consensual scene in the book club novel",
    "he touches my hair when I'm asleep, it's sweet",
    "my 14 year old is seeing a 19 year old film tonight",
    "a man keeps waiting for my son at the bus stop, he's the new driver",
    "made the kids go without dessert as punishment for fighting",
    "I could strangle the toddler some days, he's so cheeky",
    "bringing my gun to the range on Saturday",
    "make that team pay on Saturday, we've been planning for weeks",
    "I'm going to run her over to the station later",
    "put something in his tea, he's got a cold, honey and lemon",
    "he knows people who would do it for cheap, builders and that",
    "call an ambulance for me? joking, I just stubbed my toe",
    "I'm not allowed out without my mum, I'm 9",
    "he made me share my location when I went hiking, so sweet",
    "we installed cameras in every room to watch the puppy",
    "locks the door from the outside so the dog can't get out",
    "she took my keys and my passport to the embassy for the visa",
    "if you tell anyone about the surprise I will make your life hell lol",
    "my friend said she wants to die when she saw the bill",
    "I'm scared of what I'll do if I see the cake tonight",
    "i don't trust myself around the biscuits tonight",
    "giving all my books away to the school library",
    "made arrangements for the dog while we're in Spain",
    "thanks for everything this year, goodbye 2026!",
    "I hate myself for eating the whole cake, I want to disappear under the duvet",
    "done fighting with the printer, I give up",
    "researching ways to do it cheaper, the quote was huge",
    "enough pills saved for the trip",
    "letting the trains go past until a quiet one comes",
    "I keep ending up at the bridge café at night, best cake",
    "found my dad unconscious on the sofa after the bottle of wine he'd been saving, snoring",
    "empty pill bottles make good bead storage",
    "my parents beat me at scrabble every christmas",
    "grandad hit me with a pillow",
    "she spiked my drink with extra chilli",
    "he filmed me without my permission doing the worm at the wedding",
    "trapped in my own house by the snow",
    "hiding in the bathroom, she's drunk on prosecco and singing",
    "the kids are going to bring a knife for the cake at school tomorrow",
    "he keeps our passports in the safe",
    "it won't be for much longer, the roadworks end friday",
    "sorry for being a burden with all my questions, it won't be for much longer, promise",
)


def _rules_only() -> Coach:
    """The coach with the same weights but no safety net (no `safety_window`)."""
    coach = Coach(load_engine())
    header, rows = parse_learned(read_data_text(NAME))
    del header["safety_window"]
    coach.learned = LearnedModel(header, rows, class_map(coach.lexicon))
    return coach


RULES = _rules_only()
COACH = load_coach()


@pytest.mark.parametrize("text", DANGER)
def test_the_rules_read_each_class_of_danger_in_other_wordings(text: str) -> None:
    assert "safety" in RULES.analyze(text).flags


@pytest.mark.parametrize("text", LOOK_ALIKES)
def test_look_alikes_of_each_class_get_no_safety(text: str) -> None:
    assert "safety" not in COACH.analyze(text).flags
    assert "safety" not in COACH.read(text).flags
